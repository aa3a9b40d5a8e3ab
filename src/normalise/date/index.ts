import { parseIso8601 } from './iso8601.js';
import { parseLocaleDate } from './locale.js';
import { parseRfc822 } from './rfc822.js';

/** Longer than any real date; bounds the work done on junk. */
const MAX_DATE_LENGTH = 256;

/**
 * Parse a feed date the way feedparser's `_parse_date` family does: ISO 8601 / W3C-DTF (and MSSQL
 * `2004-02-28 18:14:55`), RFC 822 and its real-world variants, asctime, Perforce, and the Korean,
 * Greek and Hungarian formats. Returns a valid UTC instant, or undefined for junk or out-of-range
 * fields. Never throws; no zone means UTC.
 */
export function parseDate(raw: string): Date | undefined {
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  if (text === '' || text.length > MAX_DATE_LENGTH) return undefined;
  try {
    return parseIso8601(text) ?? parseRfc822(text) ?? parseLocaleDate(text);
  } catch {
    return undefined;
  }
}
