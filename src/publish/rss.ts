import type { CuratedEntry, CuratedFeed } from '../model/index.js';
import { cleanModel, withPlainFields } from './clean-model.js';
import { firstInstant } from './dates.js';
import { entryAuthors, entryBodies, entryCategories, entryEnclosures, entryLink } from './entry-fields.js';
import {
  GENERATOR,
  renderWithFeedLibrary,
  type LibraryExtension,
  type LibraryFeedOptions,
  type LibraryItem,
} from './feed-library.js';
import { checkedFeedUrls } from './feed-urls.js';
import { httpUrl } from './safe-url.js';
import { escapeXml } from './xml-text.js';

// `feed` writes attribute values with only `"` escaped: every attribute we hand it that it does
// not escape itself (enclosure, extensions) is escaped here.

/**
 * RSS 2.0 for a curated feed: `guid` = entry id (isPermaLink="false"), `atom:link` self and one
 * `rel="hub"` per WebSub hub, the outlet as `<source url>` and "via Outlet" in the body,
 * categories (vendors + item categories), the first http(s) enclosure, `dc:creator`.
 */
export function renderRss(input: CuratedFeed): string {
  const feed = withPlainFields(cleanModel(input));
  const urls = checkedFeedUrls(feed);
  const options: LibraryFeedOptions = {
    title: feed.title,
    description: feed.description,
    id: urls.page,
    link: urls.page,
    updated: firstInstant(feed.updated),
    generator: GENERATOR,
    feedLinks: { rss: urls.rss },
    ...(feed.language ? { language: feed.language } : {}),
  };
  const atomLinks = [
    { _attributes: { href: escapeXml(urls.rss), rel: 'self', type: 'application/rss+xml' } },
    ...urls.hubs.map((hub) => ({ _attributes: { href: escapeXml(hub), rel: 'hub' } })),
  ];
  // Replaces the single self link `feed` writes (it supports one hub only); xml-js writes an
  // array value as repeated elements, which the Extension type does not describe.
  const channel: LibraryExtension = { name: 'atom:link', objects: atomLinks as unknown as Record<string, unknown> };
  const items = feed.entries.map((entry) => rssItem(entry, urls.site, feed.updated));
  return renderWithFeedLibrary('rss', options, items, [channel]);
}

function rssItem(entry: CuratedEntry, siteUrl: string, feedUpdated: string): LibraryItem {
  const bodies = entryBodies(entry);
  const enclosure = entryEnclosures(entry)[0];
  const creators = entryAuthors(entry)
    .map((a) => a.name ?? a.email ?? '')
    .join(', ');
  const sourceUrl = httpUrl(entry.source.feedUrl) ?? httpUrl(entry.source.siteUrl);
  const extensions: LibraryExtension[] = [
    // `feed` wraps titles in CDATA; as escaped text they read the same and never look like markup.
    { name: 'title', objects: { _text: entry.title } },
  ];
  if (sourceUrl) {
    extensions.push({
      name: 'source',
      objects: { _attributes: { url: escapeXml(sourceUrl) }, _text: entry.source.title || entry.source.id },
    });
  }
  if (creators) extensions.push({ name: 'dc:creator', objects: { _text: creators } });
  return {
    title: entry.title,
    id: entry.id,
    guid: entry.id,
    link: entryLink(entry, siteUrl),
    date: firstInstant(entry.updated, entry.published, feedUpdated),
    published: firstInstant(entry.published, entry.updated, feedUpdated),
    description: bodies.summary,
    content: bodies.content,
    category: entryCategories(entry).map((name) => ({ name })),
    ...(enclosure
      ? { enclosure: { url: escapeXml(enclosure.url), type: escapeXml(enclosure.type), length: enclosure.length } }
      : {}),
    extensions,
  };
}
