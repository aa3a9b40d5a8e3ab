import type { NormalisedFeed, ParsedFeed } from '../model/index.js';
import { isoDate, normaliseItem, normalisePeople } from './normalise-item.js';
import { plainText } from './text.js';
import { resolveLink } from './links.js';

/** ParsedFeed → NormalisedFeed: what `feedloom parse` prints and what ingest stores. */
export function normaliseFeed(parsed: ParsedFeed): NormalisedFeed {
  const base = parsed.base;
  const link = resolveLink(parsed.link ?? parsed.links.find((l) => l.rel === 'alternate')?.href, base) ?? '';
  const image = resolveLink(parsed.image?.url ?? parsed.logo ?? parsed.icon, base) ?? '';
  return {
    format: parsed.format,
    encoding: parsed.encoding,
    warnings: [...parsed.warnings],
    feed: {
      title: plainText(parsed.title),
      link,
      description: plainText(parsed.subtitle),
      language: parsed.language?.trim() ?? '',
      updated: isoDate(parsed.updated) ?? isoDate(parsed.published) ?? '',
      image,
      authors: normalisePeople(parsed.authors, base),
    },
    items: parsed.entries.map((entry) => normaliseItem(entry, base)),
  };
}
