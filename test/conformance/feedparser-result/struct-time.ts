import { parseDate } from '../../../src/normalise/date/index.js';
import { PyTuple } from '../pyexpr.js';

/**
 * A UTC instant as Python's `time.struct_time` 9-tuple: year, month, day, hour, minute, second,
 * weekday (Monday = 0), day of the year (1-366), isdst (0).
 */
export function toStructTime(date: Date): PyTuple {
  const startOfYear = Date.UTC(date.getUTCFullYear(), 0, 1);
  const startOfDay = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  // Date.UTC maps years 0-99 to 1900-1999, but both instants shift alike, so the difference holds.
  const dayOfYear = Math.round((startOfDay - startOfYear) / 86_400_000) + 1;
  return new PyTuple([
    date.getUTCFullYear(),
    date.getUTCMonth() + 1,
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
    (date.getUTCDay() + 6) % 7,
    dayOfYear,
    0,
  ]);
}

/** feedparser's `*_parsed`: the struct_time of a raw date string, or None when it cannot be read. */
export function parsedDate(raw: string): PyTuple | null {
  const date = parseDate(raw);
  return date ? toStructTime(date) : null;
}
