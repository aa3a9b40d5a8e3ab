import type { NormalisedFeed, ParsedFeed } from '../model/index.js';
import { isoDate, normaliseItem, normalisePeople } from './normalise-item.js';
import { plainField } from './plain-field.js';
import { resolveLink } from './urls.js';

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
      title: plainField(parsed.title),
      link,
      description: plainField(parsed.subtitle),
      language: parsed.language?.trim() ?? '',
      updated: isoDate(parsed.updated) ?? isoDate(parsed.published) ?? '',
      image,
      authors: normalisePeople(parsed.authors, base),
    },
    items: parsed.entries.map((entry) => normaliseItem(entry, base)),
  };
}
