/** Calendar fields read from a date string, before validation. `offsetMinutes` is east of UTC. */
export interface CivilTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offsetMinutes: number;
}

const MINUTE_MS = 60_000;

/** True for Gregorian leap years. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month (1-12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Milliseconds since the epoch of a UTC calendar instant; years 0-99 are taken literally. */
export function utcMillis(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  // Date.UTC reads years 0-99 as 1900-1999; it is quicker than the setters for every other year.
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

function inRange(value: number, low: number, high: number): boolean {
  return Number.isInteger(value) && value >= low && value <= high;
}

/**
 * The UTC instant of validated civil fields, or undefined when any field is out of range
 * (month 13, 30 February, 25:00, a zone beyond ±23:59) or the result leaves years 1-9999.
 */
export function toUtcDate(fields: CivilTime): Date | undefined {
  const { year, month, day, hour, minute, second, millisecond, offsetMinutes } = fields;
  if (!inRange(year, 1, 9999) || !inRange(month, 1, 12)) return undefined;
  if (!inRange(day, 1, daysInMonth(year, month))) return undefined;
  if (!inRange(hour, 0, 23) || !inRange(minute, 0, 59) || !inRange(second, 0, 59)) return undefined;
  if (!inRange(millisecond, 0, 999) || !inRange(offsetMinutes, -(24 * 60 - 1), 24 * 60 - 1)) return undefined;
  const local = utcMillis(year, month, day, hour, minute, second, millisecond);
  const result = new Date(local - offsetMinutes * MINUTE_MS);
  const resultYear = result.getUTCFullYear();
  if (Number.isNaN(result.getTime()) || resultYear < 1 || resultYear > 9999) return undefined;
  return result;
}

/** Parse a string of ASCII digits (only digits, at least one) as an integer; NaN otherwise. */
export function digits(text: string | undefined): number {
  if (text === undefined || text === '' || !/^[0-9]+$/.test(text)) return Number.NaN;
  return Number.parseInt(text, 10);
}

/** Milliseconds from a decimal fraction of a second written after the separator ("5" → 500, "1234" → 123). */
export function fractionMillis(fraction: string | undefined): number {
  if (!fraction) return 0;
  return digits(fraction.slice(0, 3).padEnd(3, '0'));
}
