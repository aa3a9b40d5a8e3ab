import type { NormalisedFeed, ParsedFeed } from '../model/index.js';
import { capWarning, DEFAULT_DOCUMENT_LIMITS } from '../model/index.js';
import { CapTally, capItem, cutTitle, newestEntries } from './caps.js';
import type { NormaliseLimits } from './caps.js';
import { isoDate, normaliseItem, normalisePeople } from './normalise-item.js';
import { plainField } from './plain-field.js';
import { resolveLink } from './links.js';

/**
 * ParsedFeed → NormalisedFeed: what `feedloom parse` prints and what ingest stores. The document is held to
 * `limits` (config `limits`): the newest `maxItems` items are kept, titles, summaries, contents and text cut to
 * fit, each cap that cut something named in one warning (`limits.maxItems: …`).
 */
export function normaliseFeed(parsed: ParsedFeed, limits: NormaliseLimits = DEFAULT_DOCUMENT_LIMITS): NormalisedFeed {
  const base = parsed.base;
  const warnings = [...parsed.warnings];
  const entries = newestEntries(parsed.entries, limits.maxItems);
  if (entries.length < parsed.entries.length) {
    warnings.push(capWarning('maxItems', `the document has ${parsed.entries.length} items; kept the newest ${entries.length}`));
  }
  const tally = new CapTally();
  const items = entries.map((entry) => capItem(normaliseItem(entry, base), limits, tally));
  const title = plainField(parsed.title);
  if (title.length > limits.maxTitleChars) tally.note('maxTitleChars', `the feed's title, ${title.length} characters`);
  warnings.push(...tally.warnings(limits));
  const link = resolveLink(parsed.link ?? parsed.links.find((l) => l.rel === 'alternate')?.href, base) ?? '';
  const image = resolveLink(parsed.image?.url ?? parsed.logo ?? parsed.icon, base) ?? '';
  return {
    format: parsed.format,
    encoding: parsed.encoding,
    warnings,
    feed: {
      title: cutTitle(title, limits.maxTitleChars),
      link,
      description: plainField(parsed.subtitle),
      language: parsed.language?.trim() ?? '',
      updated: isoDate(parsed.updated) ?? isoDate(parsed.published) ?? '',
      image,
      authors: normalisePeople(parsed.authors, base),
    },
    items,
  };
}
