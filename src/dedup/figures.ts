/**
 * Figures an item states: amounts of money, percentages, quantities, versions and CVE ids, each as a
 * normalised string so that two tellings that write one figure differently meet: "$1.5bn", "$1.5 billion" and
 * "US$1,500 million" are all `money:1500000000`; "20%" and "20 per cent" are `pct:20`; "28MW" and "28 megawatts"
 * are `qty:28`. Two tellings of one event report the same figures even when they share few words; two
 * announcements of one vendor report different ones.
 */
export interface Figures {
  /** Money, percentages and quantities (not years, not counts under 100 without decimals), normalised. */
  amounts: string[];
  /** Version numbers ("6.10", "8.0u3", "6.10-rc3", "v2.4.1"), normalised to lower case without a leading "v". */
  versions: string[];
  /** CVE ids, upper case. */
  cves: string[];
}

const SCALE: Record<string, number> = {
  k: 1e3, thousand: 1e3,
  m: 1e6, mn: 1e6, mln: 1e6, million: 1e6, millions: 1e6,
  b: 1e9, bn: 1e9, billion: 1e9, billions: 1e9,
  t: 1e12, tn: 1e12, trillion: 1e12,
};

const CURRENCY_BEFORE = /(?:US\$|A\$|C\$|HK\$|NZ\$|S\$|R\$|\$|€|£|¥|₹|(?:USD|EUR|GBP|JPY|CHF|INR|CNY)\s?)$/;
const CURRENCY_AFTER = /^\s?(?:dollars?|euros?|pounds?|USD|EUR|GBP|yen)\b/i;
const PERCENT_AFTER = /^\s?(?:%|per\s?cent\b|percent\b|pc\b|percentage points?\b|pts?\b)/i;
const SCALE_AFTER = /^\s?(k|thousand|mn|mln|m|million|millions|bn|b|billion|billions|tn|t|trillion)(?![\p{L}\p{N}])/iu;
const CVE = /\bCVE-(\d{4})-(\d{4,7})\b/gi;
// A version: digits with at least one dot and an optional pre-release or update suffix, or v/version before digits.
const VERSION = /(?<![\p{L}\p{N}$€£.,])(?:v|version\s+|release\s+)?(\d+(?:\.\d+)+(?:(?:[-_]?(?:rc|beta|alpha|b|u|p)|[-_ ]?[Uu]pdate\s?)\d+)?|\d+[-_]?(?:rc|beta|alpha)\d+)(?![\p{L}\p{N}]|[.,]\d)/giu;
// A plain number: grouped thousands, decimals; not part of a word.
const NUMBER = /(?<![\p{L}\p{N}.,_-])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\p{N}]|[.,]\d)/gu;
const YEAR = /^(?:19|20)\d\d$/;

function trimNumber(value: number): string {
  // 1.50e9 and 1.5e9 are the same figure; keep at most 6 significant digits against float noise.
  return String(Number(value.toPrecision(6)));
}

/** The figures of a text (title and lead are what callers pass), each kind in order of appearance, without repeats. */
export function extractFigures(text: string): Figures {
  const amounts = new Set<string>();
  const versions = new Set<string>();
  const cves = new Set<string>();
  for (const m of text.matchAll(CVE)) cves.add(`CVE-${m[1] ?? ''}-${m[2] ?? ''}`);
  const versionSpans: [number, number][] = [];
  for (const m of text.matchAll(VERSION)) {
    const before = text.slice(Math.max(0, m.index - 4), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 12);
    // "$1.5bn", "2.5%", "1.2 million": an amount, not a version.
    if (CURRENCY_BEFORE.test(before) || PERCENT_AFTER.test(after) || SCALE_AFTER.test(after) || CURRENCY_AFTER.test(after)) continue;
    versionSpans.push([m.index, m.index + m[0].length]);
    versions.add((m[1] ?? '').toLowerCase().replace(/update\s?/, 'u').replace(/[-_ ]/g, ''));
  }
  for (const m of text.matchAll(NUMBER)) {
    const start = m.index;
    const end = start + m[0].length;
    if (versionSpans.some(([s, e]) => start >= s && end <= e)) continue;
    if (cves.size > 0 && /CVE-\d*$/i.test(text.slice(Math.max(0, start - 10), start))) continue;
    const integer = (m[1] ?? '').replace(/,/g, '');
    const fraction = m[2];
    let value = Number(fraction === undefined ? integer : `${integer}.${fraction}`);
    if (!Number.isFinite(value)) continue;
    const before = text.slice(Math.max(0, start - 4), start);
    const after = text.slice(end, end + 24);
    const money = CURRENCY_BEFORE.test(before) || CURRENCY_AFTER.test(after.replace(SCALE_AFTER, ''));
    const scale = SCALE_AFTER.exec(after);
    if (scale !== null) {
      const word = (scale[1] ?? '').toLowerCase();
      value *= SCALE[word] ?? 1;
    }
    if (PERCENT_AFTER.test(after)) {
      amounts.add(`pct:${trimNumber(value)}`);
      continue;
    }
    if (money) {
      amounts.add(`money:${trimNumber(value)}`);
      continue;
    }
    // Years and small round counts say little about which event a text reports ("17 hours", "40 staff"): many
    // items state them by chance. A quantity in the hundreds or more, or with decimals ("1.3GW"), is specific.
    if (fraction === undefined && YEAR.test(integer) && scale === null) continue;
    if (fraction === undefined && value < 100) continue;
    amounts.add(`qty:${trimNumber(value)}`);
  }
  return { amounts: [...amounts], versions: [...versions], cves: [...cves] };
}
