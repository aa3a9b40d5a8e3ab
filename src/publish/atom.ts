import { FeedloomError, type CuratedEntry, type CuratedFeed } from '../model/index.js';
import { cleanModel, withPlainFields } from './clean-model.js';
import { firstInstant } from './dates.js';
import { entryAuthors, entryBodies, entryCategories, entryEnclosures, entryLink } from './entry-fields.js';
import {
  GENERATOR,
  fillSlots,
  renderWithFeedLibrary,
  slotMarker,
  textTitles,
  titleMarker,
  type LibraryFeedOptions,
  type LibraryItem,
} from './feed-library.js';
import { checkedFeedUrls } from './feed-urls.js';
import { httpUrl } from './safe-url.js';
import { escapeXml } from './xml-text.js';

const ROOT = '<feed xmlns="http://www.w3.org/2005/Atom">';

/**
 * Atom 1.0 for a curated feed: entry `id` = entry id, self/alternate links and one `rel="hub"` per
 * WebSub hub, the site as feed author, the item's authors per entry, the outlet as `<source>`
 * (title and links) and as "via Outlet" in the body, categories, typed enclosure links, `xml:lang`.
 */
export function renderAtom(input: CuratedFeed): string {
  const feed = withPlainFields(cleanModel(input));
  const urls = checkedFeedUrls(feed);
  const options: LibraryFeedOptions = {
    id: urls.atom,
    title: feed.title,
    link: urls.page,
    feedLinks: { atom: urls.atom },
    updated: firstInstant(feed.updated),
    generator: GENERATOR,
    author: { name: feed.site.title, link: urls.site },
    copyright: slotMarker(0),
    ...(feed.description ? { description: feed.description } : {}),
  };
  const items = feed.entries.map((entry, i) => atomItem(entry, i, urls.site, feed.updated));
  const hubLinks = urls.hubs.map((hub) => `<link rel="hub" href="${escapeXml(hub)}"/>`).join('\n');
  const slots = [hubLinks, ...feed.entries.map(entrySlot)];
  const titles = feed.entries.map((entry) => entry.title);
  return withLanguage(textTitles(fillSlots(renderWithFeedLibrary('atom', options, items), slots), titles, escapeXml), feed.language);
}

function atomItem(entry: CuratedEntry, index: number, siteUrl: string, feedUpdated: string): LibraryItem {
  const bodies = entryBodies(entry);
  const hasSeparateSummary =
    entry.summaryHtml.trim() !== '' &&
    entry.contentHtml.trim() !== '' &&
    entry.summaryHtml.trim() !== entry.contentHtml.trim();
  const authors = entryAuthors(entry).map((a) => ({
    name: a.name ?? a.email ?? '',
    ...(a.email ? { email: a.email } : {}),
    ...(a.url ? { link: a.url } : {}),
  }));
  return {
    // Written as a type="text" title by textTitles.
    title: titleMarker(index),
    id: entry.id,
    link: entryLink(entry, siteUrl),
    date: firstInstant(entry.updated, entry.published, feedUpdated),
    published: firstInstant(entry.published, entry.updated, feedUpdated),
    ...(hasSeparateSummary ? { description: bodies.summary } : {}),
    content: bodies.content,
    ...(authors.length > 0 ? { author: authors } : {}),
    category: entryCategories(entry).map((name) => ({ term: escapeXml(name) })),
    copyright: slotMarker(index + 1),
  };
}

/** Typed enclosure links and the outlet's `<source>`: what `feed` cannot write for us. */
function entrySlot(entry: CuratedEntry): string {
  const lines = entryEnclosures(entry).map(
    (e) =>
      `<link rel="enclosure" href="${escapeXml(e.url)}" type="${escapeXml(e.type)}"` +
      `${e.length > 0 ? ` length="${e.length}"` : ''}/>`,
  );
  const siteUrl = httpUrl(entry.source.siteUrl);
  const feedUrl = httpUrl(entry.source.feedUrl);
  lines.push(
    '<source>',
    `    <title>${escapeXml(entry.source.title || entry.source.id)}</title>`,
    ...(siteUrl ? [`    <link rel="alternate" href="${escapeXml(siteUrl)}"/>`] : []),
    ...(feedUrl ? [`    <link rel="self" href="${escapeXml(feedUrl)}"/>`] : []),
    '</source>',
  );
  return lines.join('\n');
}

function withLanguage(xml: string, language: string): string {
  if (!language) return xml;
  if (!xml.includes(ROOT)) throw new FeedloomError('INTERNAL', 'feed output has an unexpected Atom root element');
  return xml.replace(ROOT, `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(language)}">`);
}
