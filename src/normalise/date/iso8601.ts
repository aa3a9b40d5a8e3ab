import { digits, fractionMillis, isLeapYear, toUtcDate, utcMillis } from './civil.js';
import { zoneOffset } from './zones.js';

interface YearMonthDay {
  year: number;
  month: number;
  day: number;
}

const DAY_MS = 86_400_000;

/** ISO 8601 reads two-digit years in the current century (feedparser: "93" is 2093, not 1993). */
function currentCenturyYear(twoDigits: string | undefined): number {
  const now = new Date().getUTCFullYear();
  return Math.floor(now / 100) * 100 + digits(twoDigits);
}

function fromOrdinal(year: number, ordinal: number): YearMonthDay | undefined {
  if (!(ordinal >= 1 && ordinal <= (isLeapYear(year) ? 366 : 365))) return undefined;
  return calendarDay(utcMillis(year, 1, 1) + (ordinal - 1) * DAY_MS);
}

function weekOneMonday(year: number): number {
  const january4 = utcMillis(year, 1, 4);
  const daysSinceMonday = (new Date(january4).getUTCDay() + 6) % 7;
  return january4 - daysSinceMonday * DAY_MS;
}

/** ISO week date: week 1 is the week (Monday first) holding 4 January; week 53 only in long years. */
function fromWeek(year: number, week: number, weekday: number): YearMonthDay | undefined {
  if (!(week >= 1 && week <= 53 && weekday >= 1 && weekday <= 7)) return undefined;
  const time = weekOneMonday(year) + ((week - 1) * 7 + (weekday - 1)) * DAY_MS;
  if (time >= weekOneMonday(year + 1)) return undefined;
  return calendarDay(time);
}

function calendarDay(time: number): YearMonthDay {
  const date = new Date(time);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

type DateForm = [RegExp, (m: RegExpExecArray) => YearMonthDay | undefined];

/** Date forms, most specific first. `0MM` is Google's old three-digit month (`2003-012-31`). */
const DATE_FORMS: DateForm[] = [
  [/^(\d{4})-(0?\d{1,2})-(\d{1,2})$/, (m) => ({ year: digits(m[1]), month: digits(m[2]), day: digits(m[3]) })],
  [/^(\d{4})(\d{2})(\d{2})$/, (m) => ({ year: digits(m[1]), month: digits(m[2]), day: digits(m[3]) })],
  [/^(\d{4})-(\d{1,2})$/, (m) => ({ year: digits(m[1]), month: digits(m[2]), day: 1 })],
  [/^(\d{4})-?(\d{3})$/, (m) => fromOrdinal(digits(m[1]), digits(m[2]))],
  [/^(\d{4})$/, (m) => ({ year: digits(m[1]), month: 1, day: 1 })],
  [/^(\d{4})-?w(\d{2})(?:-?(\d))?$/, (m) => fromWeek(digits(m[1]), digits(m[2]), m[3] === undefined ? 1 : digits(m[3]))],
  [/^(\d{2})-?(\d{2})-?(\d{2})$/, (m) => ({ year: currentCenturyYear(m[1]), month: digits(m[2]), day: digits(m[3]) })],
  [/^(\d{2})-?(\d{3})$/, (m) => fromOrdinal(currentCenturyYear(m[1]), digits(m[2]))],
  [/^-(\d{2})-?(\d{2})$/, (m) => ({ year: currentCenturyYear(m[1]), month: digits(m[2]), day: 1 })],
  [/^-(\d{2})$/, (m) => ({ year: currentCenturyYear(m[1]), month: 1, day: 1 })],
];

function readDate(text: string): YearMonthDay | undefined {
  for (const [pattern, build] of DATE_FORMS) {
    const match = pattern.exec(text);
    if (match) return build(match);
  }
  return undefined;
}

/** Extended `hh:mm[:ss[.fff]]`, or (after a `T`) basic `hh[mm[ss[.fff]]]`; the rest is the zone. */
function readTime(text: string, basicAllowed: boolean): RegExpExecArray | null {
  const extended = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(.*)$/.exec(text);
  if (extended || !basicAllowed) return extended;
  return /^(\d{2})(\d{2})?(\d{2})?(?:[.,](\d+))?(.*)$/.exec(text);
}

/**
 * ISO 8601 and W3C-DTF: `2003-12-31T10:14:55.5-08:00`, date only, year-month, year only, compact
 * `20040105T081234Z`, ordinal `2004-005`, week `2004-W02-1`, two-digit-year forms, and MSSQL-style
 * `2004-07-08 23:56:58 -00:20` (a blank instead of `T`). No zone means UTC.
 */
export function parseIso8601(raw: string): Date | undefined {
  const parts = /^([-0-9w]+)(?:(t|\s+)(.*))?$/.exec(raw.trim().toLowerCase());
  if (!parts) return undefined;
  const date = readDate(parts[1] ?? '');
  if (!date) return undefined;
  const rest = parts[3];
  const { year, month, day } = date;
  if (rest === undefined) return toUtcDate({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0, offsetMinutes: 0 });
  const time = readTime(rest, parts[2] === 't');
  if (!time) return undefined;
  const zoneText = (time[5] ?? '').trim();
  const offset = zoneText === '' ? 0 : zoneOffset(zoneText);
  if (offset === undefined) return undefined;
  return toUtcDate({
    year,
    month,
    day,
    hour: digits(time[1]),
    minute: time[2] === undefined ? 0 : digits(time[2]),
    second: time[3] === undefined ? 0 : digits(time[3]),
    millisecond: fractionMillis(time[4]),
    offsetMinutes: offset,
  });
}
