import { digits, fractionMillis, toUtcDate } from './civil.js';
import { isDayName, monthNumber } from './names.js';
import { numericOffset, zoneOffset } from './zones.js';

interface CalendarDay {
  year: number;
  month: number;
  day: number;
  /** asctime writes the year after the time: `Sun Jan  4 16:29:06 2004`. */
  yearAfterTime: boolean;
  next: number;
}

interface Clock {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  meridiem?: 'am' | 'pm';
  offset?: number;
}

/** Marks a token that looked like a zone or time but was malformed: the whole date is refused. */
const INVALID = Symbol('invalid');

/** Split on blanks and commas, drop "(EST)"-style comments, and spread RFC 850 `01-Jan-04` into three tokens. */
function tokenize(raw: string): string[] {
  const text = raw.toLowerCase().replace(/\([^()]*\)/g, ' ');
  const tokens: string[] = [];
  for (const token of text.split(/[\s,]+/)) {
    if (token === '') continue;
    const rfc850 = /^(\d{1,2})-([a-z]{3,9}\.?)-(\d{2}|\d{4})$/.exec(token);
    if (rfc850) tokens.push(rfc850[1] ?? '', rfc850[2] ?? '', rfc850[3] ?? '');
    else tokens.push(token);
  }
  return tokens;
}

/** Two-digit years: 90-99 are 1990s, 00-89 are 2000-2089 (feedparser's window). */
function readYear(token: string | undefined): number | undefined {
  if (token === undefined || !/^(\d{2}|\d{4})$/.test(token)) return undefined;
  const year = digits(token);
  if (token.length === 4) return year;
  return year + (year < 90 ? 2000 : 1900);
}

function readDay(token: string | undefined): number | undefined {
  const match = token === undefined ? null : /^(\d{1,2})(?:st|nd|rd|th)?$/.exec(token);
  return match ? digits(match[1]) : undefined;
}

function readCalendarDay(tokens: string[], start: number): CalendarDay | undefined {
  const [first, second, third] = [tokens[start], tokens[start + 1], tokens[start + 2]];
  const slashed = first === undefined ? null : /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(first);
  if (slashed) {
    // Perforce: `2006/09/15`.
    const [year, month, day] = [digits(slashed[1]), digits(slashed[2]), digits(slashed[3])];
    return { year, month, day, yearAfterTime: false, next: start + 1 };
  }
  const dayFirst = readDay(first);
  const monthSecond = second === undefined ? undefined : monthNumber(second);
  if (dayFirst !== undefined && monthSecond !== undefined) {
    const year = readYear(third);
    return year === undefined ? undefined : { year, month: monthSecond, day: dayFirst, yearAfterTime: false, next: start + 3 };
  }
  const monthFirst = first === undefined ? undefined : monthNumber(first);
  const daySecond = readDay(second);
  if (monthFirst === undefined || daySecond === undefined) return undefined;
  const year = readYear(third);
  if (year !== undefined) return { year, month: monthFirst, day: daySecond, yearAfterTime: false, next: start + 3 };
  return { year: Number.NaN, month: monthFirst, day: daySecond, yearAfterTime: true, next: start + 2 };
}

function readMeridiem(token: string | undefined): 'am' | 'pm' | undefined {
  if (token === 'am' || token === 'a.m.') return 'am';
  if (token === 'pm' || token === 'p.m.') return 'pm';
  return undefined;
}

/** `19:48`, `19:48:21`, `19:48:21.5`, optionally glued to a meridiem or zone (`7:48pm`, `19:48:21Z`). */
function readClock(token: string): Clock | typeof INVALID {
  const match = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,9}))?)?(.*)$/.exec(token);
  if (!match) return INVALID;
  const clock: Clock = {
    hour: digits(match[1]),
    minute: digits(match[2]),
    second: match[3] === undefined ? 0 : digits(match[3]),
    millisecond: fractionMillis(match[4]),
  };
  const rest = match[5] ?? '';
  if (rest === '') return clock;
  clock.meridiem = readMeridiem(rest);
  if (clock.meridiem) return clock;
  const offset = zoneOffset(rest);
  if (offset === undefined) return INVALID;
  clock.offset = offset;
  return clock;
}

/** The zone at `tokens[index]`: its offset and how many tokens it used. Unknown names count as UTC, like feedparser. */
function readZone(tokens: string[], index: number): { offset: number; used: number } | typeof INVALID {
  const token = tokens[index];
  if (token === undefined) return { offset: 0, used: 0 };
  const after = tokens[index + 1];
  if ((token === 'gmt' || token === 'utc' || token === 'ut') && after !== undefined && /^[+-]\d/.test(after)) {
    const offset = numericOffset(after);
    return offset === undefined ? INVALID : { offset, used: 2 };
  }
  const offset = zoneOffset(token);
  if (offset !== undefined) return { offset, used: 1 };
  if (/^[+-]/.test(token) || token.includes(':')) return INVALID;
  return { offset: 0, used: 1 };
}

function to24Hour(hour: number, meridiem: 'am' | 'pm' | undefined): number {
  if (meridiem === undefined) return hour;
  if (hour < 1 || hour > 12) return Number.NaN;
  return (hour % 12) + (meridiem === 'pm' ? 12 : 0);
}

/**
 * RFC 822 / 1123 / 2822 / 850 and their real-world variants: optional or wrong weekday, 2-digit
 * years, missing seconds or time, named, numeric and military zones, `GMT+2`, swapped month and
 * day (`Thu Aug 30 2012 ...`), asctime (`Sun Jan  4 16:29:06 2004`) and Perforce (`2006/09/15`).
 */
export function parseRfc822(raw: string): Date | undefined {
  const tokens = tokenize(raw);
  const start = tokens[0] !== undefined && isDayName(tokens[0]) ? 1 : 0;
  const calendar = readCalendarDay(tokens, start);
  if (!calendar) return undefined;
  let index = calendar.next;
  let clock: Clock = { hour: 0, minute: 0, second: 0, millisecond: 0 };
  const timeToken = tokens[index];
  if (timeToken !== undefined && /^\d{1,2}:/.test(timeToken)) {
    const read = readClock(timeToken);
    if (read === INVALID) return undefined;
    clock = read;
    index += 1;
    const meridiem = clock.meridiem === undefined ? readMeridiem(tokens[index]) : undefined;
    if (meridiem) {
      clock.meridiem = meridiem;
      index += 1;
    }
  } else if (calendar.yearAfterTime) {
    return undefined;
  }
  let year = calendar.year;
  if (calendar.yearAfterTime && /^\d{4}$/.test(tokens[index] ?? '')) {
    year = digits(tokens[index]);
    index += 1;
  }
  let offset = clock.offset ?? 0;
  if (clock.offset === undefined) {
    const zone = readZone(tokens, index);
    if (zone === INVALID) return undefined;
    offset = zone.offset;
    index += zone.used;
  }
  if (calendar.yearAfterTime && Number.isNaN(year)) {
    if (!/^\d{4}$/.test(tokens[index] ?? '')) return undefined;
    year = digits(tokens[index]);
  }
  return toUtcDate({
    year,
    month: calendar.month,
    day: calendar.day,
    hour: to24Hour(clock.hour, clock.meridiem),
    minute: clock.minute,
    second: clock.second,
    millisecond: clock.millisecond,
    offsetMinutes: offset,
  });
}
