// The publish stage: pure renderers, model in, string out (no database, no HTTP, no clock).
//
// Decisions readers and operators can rely on:
// - Feeds: RSS 2.0 and Atom 1.0 through `feed` (feed-library.ts is its only importer), JSON Feed 1.1
//   built directly. Entry ids are `CuratedEntry.id` in all three (RSS guid isPermaLink="false").
//   Entry ids should be absolute IRIs (`urn:`, `tag:` or a URL) for Atom validity.
// - The outlet: RSS `<source url>` (feed URL, else site URL), Atom `<source>` (title + links), and
//   in every format a "via Outlet" paragraph ending the body, since most readers show neither;
//   a story with other outlets adds "Also covered by: A, B" with links. Atom authors are the item's
//   own; the site is the feed-level author.
// - A link that is not http(s) is dropped everywhere; an entry without one links its story page.
// - Text: RSS titles are escaped XML text, Atom titles type="html" escaped once, JSON escapes
//   `<`, `>`, `&` as \u sequences. Characters XML 1.0 forbids are stripped from every input string.
// - Pages: escape-by-default `html` template; the only raw HTML is the sanitised summary/content.
//   One hashed inline stylesheet; PAGE_CSP allows no script and `img-src https:` (feed images
//   over http would be mixed content). Archive pages after the first are /archive/yyyy/mm/page/n
//   (a path, so `feedloom build` can write them as files); the source list is /sources.
export { renderAtom } from './atom.js';
export { renderJsonFeed, JSON_FEED_VERSION } from './json-feed.js';
export type { FeedloomItemExtension } from './json-feed.js';
export { renderOpml } from './opml.js';
export type { OpmlInput, OpmlSource } from './opml.js';
export { renderRss } from './rss.js';
export { FEED_MEDIA_TYPES, OPML_MEDIA_TYPE } from './site-info.js';
export type { FeedFormatName, IngestStatus, SiteInfo } from './site-info.js';
export * from './html/index.js';
export { pingHubs } from './websub.js';
export type { PingResult, PostToHub } from './websub.js';
