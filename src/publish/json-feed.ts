import type { CoverageEntry, CuratedEntry, CuratedFeed, Person } from '../model/index.js';
import { cleanModel, withPlainFields } from './clean-model.js';
import { firstInstant, parseInstant, rfc3339 } from './dates.js';
import { entryAuthors, entryBodies, entryCategories, entryEnclosures, entryLink } from './entry-fields.js';
import { checkedFeedUrls } from './feed-urls.js';
import { httpUrl } from './safe-url.js';

/** The JSON Feed version we write. */
export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

/**
 * `_feedloom` on each JSON Feed item (DESIGN.md): the story, the vendors it is about, every vendor it names
 * (`mentions`, passing mentions included), and every item merged into it with the same two lists.
 */
export interface FeedloomItemExtension {
  story: string;
  vendors: string[];
  mentions: string[];
  coverage: { source: string; url: string | null; id: string; published: string | null; vendors: string[]; mentions: string[] }[];
}

interface JsonAuthor {
  name?: string;
  url?: string;
}

/**
 * JSON Feed 1.1 for a curated feed (built directly: `feed` writes 1.0): `authors` arrays, `language`,
 * WebSub `hubs`, tags, attachments and the `_feedloom` extension per item. `<`, `>` and `&` are
 * written as \u escapes, so the document never contains markup-looking text.
 */
export function renderJsonFeed(input: CuratedFeed): string {
  const feed = withPlainFields(cleanModel(input));
  const urls = checkedFeedUrls(feed);
  const doc = {
    version: JSON_FEED_VERSION,
    title: feed.title,
    home_page_url: urls.page,
    feed_url: urls.json,
    ...(feed.description ? { description: feed.description } : {}),
    ...(feed.language ? { language: feed.language } : {}),
    authors: [{ name: feed.site.title, url: urls.site }],
    ...(urls.hubs.length > 0 ? { hubs: urls.hubs.map((url) => ({ type: 'WebSub', url })) } : {}),
    items: feed.entries.map((entry) => jsonItem(entry, urls.site, feed.updated)),
  };
  return JSON.stringify(doc, null, 2).replace(/[<>&\u2028\u2029]/g, unicodeEscape);
}

function jsonItem(entry: CuratedEntry, siteUrl: string, feedUpdated: string): Record<string, unknown> {
  const authors = entryAuthors(entry)
    .map(jsonAuthor)
    .filter((a) => a.name !== undefined || a.url !== undefined);
  const tags = entryCategories(entry);
  const attachments = entryEnclosures(entry).map((e) => ({
    url: e.url,
    mime_type: e.type,
    ...(e.length > 0 ? { size_in_bytes: e.length } : {}),
  }));
  const extension: FeedloomItemExtension = {
    story: entry.storyId,
    vendors: entry.vendors.map((v) => v.id),
    mentions: entry.mentions.map((v) => v.id),
    coverage: entry.coverage.map(coverageItem),
  };
  return {
    id: entry.id,
    url: entryLink(entry, siteUrl),
    ...(entry.title ? { title: entry.title } : {}),
    content_html: entryBodies(entry).content,
    date_published: rfc3339(firstInstant(entry.published, entry.updated, feedUpdated)),
    date_modified: rfc3339(firstInstant(entry.updated, entry.published, feedUpdated)),
    ...(authors.length > 0 ? { authors } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    ...(attachments.length > 0 ? { attachments } : {}),
    _feedloom: extension,
  };
}

function jsonAuthor(person: Person): JsonAuthor {
  // JSON Feed authors have no email field; a mailto: URL carries it when there is no web page.
  const url = person.url ?? (person.email ? `mailto:${person.email}` : undefined);
  return { ...(person.name ? { name: person.name } : {}), ...(url ? { url } : {}) };
}

function coverageItem(item: CoverageEntry): FeedloomItemExtension['coverage'][number] {
  const published = parseInstant(item.published);
  return {
    source: item.source,
    url: httpUrl(item.url),
    id: item.id,
    published: published ? rfc3339(published) : null,
    vendors: [...item.vendors],
    mentions: [...item.mentions],
  };
}

function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
