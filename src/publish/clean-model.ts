import type { CuratedEntry, CuratedFeed } from '../model/index.js';
import { plainField } from '../normalise/index.js';
import { stripInvalidChars } from './xml-text.js';

/**
 * A deep copy of a plain model value with every string stripped of characters XML cannot carry.
 * Done once on the way in, so no renderer can forget a field.
 */
export function cleanModel<T>(value: T): T {
  return cleanValue(value) as T;
}

function cleanValue(value: unknown): unknown {
  if (typeof value === 'string') return stripInvalidChars(value);
  if (Array.isArray(value)) return value.map(cleanValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = cleanValue(inner);
    return out;
  }
  return value;
}

/**
 * The feed with its plain-text fields made plain the way ingest makes them (`plainField`): entry titles, author
 * names, category terms, vendor names and outlet names, and the feed's own title. Items ingested now already are;
 * this holds for rows stored before, and for names that come from the config. RSS, Atom and JSON Feed use it; the
 * HTML pages escape what they show instead.
 */
export function withPlainFields(feed: CuratedFeed): CuratedFeed {
  return { ...feed, title: plainField(feed.title), entries: feed.entries.map(plainEntry) };
}

function plainEntry(entry: CuratedEntry): CuratedEntry {
  const named = (v: { id: string; name: string }) => ({ id: v.id, name: plainField(v.name) });
  return {
    ...entry,
    title: plainField(entry.title),
    authors: entry.authors.map((a) => (a.name === undefined ? a : { ...a, name: plainField(a.name) })),
    categories: entry.categories.map((c) => plainField(c)),
    vendors: entry.vendors.map(named),
    mentions: entry.mentions.map(named),
    source: { ...entry.source, title: plainField(entry.source.title) },
    coverage: entry.coverage.map((c) => ({ ...c, sourceTitle: plainField(c.sourceTitle) })),
  };
}
