import type { DocumentCap, DocumentLimits, NormalisedItem, ParsedEntry } from '../model/index.js';
import { capWarning } from '../model/index.js';
import { truncateHtml, truncateText, utf8Length } from './html/truncate-html.js';
import { isoDate } from './normalise-item.js';

/** The caps the normalise stage enforces (maxDepth is the parser's). */
export type NormaliseLimits = Pick<DocumentLimits, 'maxItems' | 'maxTitleChars' | 'maxContentBytes'>;

/** A title cut to fit shows this at its end. */
const ELLIPSIS = '\u2026';
/** A cut at a space is preferred when the space is within this share of the cap from its end. */
const WORD_BOUNDARY_REACH = 0.2;

/**
 * The `maxItems` newest entries, in document order: by their date (published, else created, else updated);
 * undated ones are dropped first, and among equals the earlier in the document is kept (feeds list newest first).
 */
export function newestEntries(entries: readonly ParsedEntry[], maxItems: number): readonly ParsedEntry[] {
  if (entries.length <= maxItems) return entries;
  const time = entries.map((entry) => {
    const iso = isoDate(entry.published) ?? isoDate(entry.created) ?? isoDate(entry.updated);
    return iso === null ? Number.NEGATIVE_INFINITY : Date.parse(iso);
  });
  const order = entries.map((_, i) => i).sort((a, b) => (time[b] ?? 0) - (time[a] ?? 0) || a - b);
  const kept = new Set(order.slice(0, maxItems));
  return entries.filter((_, i) => kept.has(i));
}

/** Cut a plain-text title to at most `maxChars` UTF-16 code units, ellipsis included: at a space when one is near. */
export function cutTitle(title: string, maxChars: number): string {
  if (title.length <= maxChars) return title;
  let limit = Math.max(0, maxChars - ELLIPSIS.length);
  const last = title.charCodeAt(limit - 1);
  if (last >= 0xd800 && last <= 0xdbff) limit--;
  const space = title.lastIndexOf(' ', limit);
  const cut = space > 0 && space >= limit * (1 - WORD_BOUNDARY_REACH) ? space : limit;
  return `${title.slice(0, cut).trimEnd()}${ELLIPSIS}`;
}

/** Counts what each cap cut in one document, for one warning per cap. */
export class CapTally {
  private readonly cuts = new Map<DocumentCap, { count: number; first: string }>();

  /** Record one cut, described (for the first) as `what`. */
  note(cap: DocumentCap, what: string): void {
    const entry = this.cuts.get(cap);
    if (entry) entry.count++;
    else this.cuts.set(cap, { count: 1, first: what });
  }

  /** One warning per cap that cut something, naming the cap, its value, how many were cut and the first. */
  warnings(limits: NormaliseLimits): string[] {
    const out: string[] = [];
    const titles = this.cuts.get('maxTitleChars');
    if (titles) {
      out.push(capWarning('maxTitleChars', `${plural(titles.count, 'title')} longer than ${limits.maxTitleChars} characters cut (the first: ${titles.first})`));
    }
    const bodies = this.cuts.get('maxContentBytes');
    if (bodies) {
      out.push(capWarning('maxContentBytes', `${plural(bodies.count, 'summary or content', 'summaries or contents')} over ${limits.maxContentBytes} bytes after sanitising cut, well-formed (the first: ${bodies.first})`));
    }
    return out;
  }
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** How an item is named in a warning: its id, shortened. */
function itemName(item: NormalisedItem): string {
  return `item ${JSON.stringify(item.id.length > 80 ? `${item.id.slice(0, 80)}${ELLIPSIS}` : item.id)}`;
}

/** An item with its title, summary, content and text cut to the caps; each cut is noted in `tally`. */
export function capItem(item: NormalisedItem, limits: NormaliseLimits, tally: CapTally): NormalisedItem {
  const { maxTitleChars, maxContentBytes } = limits;
  // Most items are far under every cap: three length checks, no copy.
  if (item.title.length <= maxTitleChars && item.summary.length * 3 <= maxContentBytes
    && item.content.length * 3 <= maxContentBytes && item.text.length * 3 <= maxContentBytes) return item;
  const capped = { ...item };
  if (item.title.length > maxTitleChars) {
    capped.title = cutTitle(item.title, maxTitleChars);
    tally.note('maxTitleChars', `${itemName(item)}, ${item.title.length} characters`);
  }
  for (const field of ['summary', 'content'] as const) {
    const cut = truncateHtml(item[field], maxContentBytes);
    if (cut !== item[field]) {
      capped[field] = cut;
      tally.note('maxContentBytes', `${itemName(item)} ${field}, ${utf8Length(item[field])} bytes`);
    }
  }
  // The plain text (title, then body) feeds tagging, dedup and search: it starts with the cut title, and is held
  // to the same bytes as the HTML.
  const text = capped.title !== item.title && item.text.startsWith(item.title) ? `${capped.title}${item.text.slice(item.title.length)}` : item.text;
  capped.text = truncateText(text, maxContentBytes);
  return capped;
}
