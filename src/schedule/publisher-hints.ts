import type { ParsedPollingHints } from '../model/index.js';

// What a publisher asks of pollers, read defensively: every reader returns undefined on junk, never throws.

const SECOND = 1_000;
const HOUR = 3_600_000;

/** A whole number of seconds written as digits only ("120"); undefined otherwise. */
function wholeSeconds(text: string | undefined): number | undefined {
  const value = text?.trim().replace(/^"(.*)"$/, '$1');
  if (value === undefined || !/^\d{1,12}$/.test(value)) return undefined;
  return Number(value);
}

/** An HTTP date (IMF-fixdate, RFC 850 or asctime: each starts with a day name) as epoch ms. */
function httpDate(text: string | undefined): number | undefined {
  const value = text?.trim();
  if (!value || !/^[a-z]{3}/i.test(value)) return undefined;
  // asctime dates carry no zone, and HTTP dates are GMT by definition: never read them as local time.
  const ms = Date.parse(/(?:GMT|UTC|Z|[+-]\d{4})$/i.test(value) ? value : `${value} GMT`);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * How long the response stays fresh, in ms: Cache-Control max-age less Age, else Expires less Date
 * (the server's own clock, so skew does not matter), else undefined. As RFC 9111 says, max-age wins over
 * Expires; an unparsable Expires means "already stale" and so asks nothing.
 */
export function cacheFreshnessMs(headers: Readonly<Record<string, string>>, now: Date): number | undefined {
  const directives = (headers['cache-control'] ?? '').split(',').map((d) => d.trim().toLowerCase());
  const maxAges = directives.filter((d) => d.startsWith('max-age=')).map((d) => wholeSeconds(d.slice('max-age='.length)));
  // Two different max-age values are a conflict; RFC 9111 says to treat the response as stale.
  if (maxAges.length > 0) {
    const [first] = maxAges;
    if (first === undefined || maxAges.some((value) => value !== first)) return undefined;
    const age = wholeSeconds(headers['age']) ?? 0;
    return Math.max(0, first - age) * SECOND;
  }
  const expires = httpDate(headers['expires']);
  if (expires === undefined) return undefined;
  const date = httpDate(headers['date']) ?? now.getTime();
  const fresh = expires - date;
  return fresh > 0 ? fresh : undefined;
}

/** Retry-After as ms from `now`: delay-seconds or an HTTP date; undefined when absent or junk. */
export function retryAfterMs(value: string | undefined, now: Date): number | undefined {
  const seconds = wholeSeconds(value);
  if (seconds !== undefined) return seconds * SECOND;
  const at = httpDate(value);
  return at === undefined ? undefined : Math.max(0, at - now.getTime());
}

const PERIODS: Record<string, number> = { hourly: HOUR, daily: 24 * HOUR, weekly: 7 * 24 * HOUR, monthly: 30 * 24 * HOUR, yearly: 365 * 24 * HOUR };

/**
 * The shortest interval the feed document asks for, in ms: RSS `<ttl>` (minutes) and the syndication
 * module's `sy:updatePeriod` divided by `sy:updateFrequency` (default 1); the longer of the two when both
 * are given. Zero, negative or unknown values ask nothing.
 */
export function feedIntervalMs(polling: Pick<ParsedPollingHints, 'ttlMinutes' | 'updatePeriod' | 'updateFrequency'>): number | undefined {
  const ttl = polling.ttlMinutes !== undefined && polling.ttlMinutes > 0 ? polling.ttlMinutes * 60 * SECOND : undefined;
  const period = PERIODS[polling.updatePeriod?.trim().toLowerCase() ?? ''];
  const frequency = polling.updateFrequency ?? 1;
  const sy = period !== undefined && frequency > 0 ? Math.round(period / frequency) : undefined;
  if (ttl === undefined) return sy;
  return sy === undefined ? ttl : Math.max(ttl, sy);
}

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Hours (0–23, GMT; 24 read as 0) and days (0 = Sunday) the feed asks not to be read, from skipHours/skipDays. */
export function skipWindows(polling: Pick<ParsedPollingHints, 'skipHours' | 'skipDays'>): { hours: number[]; days: number[] } {
  const hours = new Set<number>();
  for (const hour of polling.skipHours) if (Number.isInteger(hour) && hour >= 0 && hour <= 24) hours.add(hour % 24);
  const days = new Set<number>();
  for (const name of polling.skipDays) {
    const index = DAYS.indexOf(name.trim().toLowerCase());
    if (index >= 0) days.add(index);
  }
  return { hours: [...hours].sort((a, b) => a - b), days: [...days].sort((a, b) => a - b) };
}

/**
 * The first instant at or after `at` outside the skipped hours and days (GMT). A feed that skips every
 * hour or every day asks the impossible, and is ignored.
 */
export function firstAllowedTime(at: Date, skip: { hours: readonly number[]; days: readonly number[] }): Date {
  if (skip.hours.length >= 24 || skip.days.length >= 7) return at;
  let t = at.getTime();
  // At most 7 days × 24 hours of hour steps reach an allowed hour.
  for (let step = 0; step < 24 * 8; step++) {
    const date = new Date(t);
    if (!skip.hours.includes(date.getUTCHours()) && !skip.days.includes(date.getUTCDay())) return date;
    t = Math.floor(t / HOUR) * HOUR + HOUR;
  }
  return at;
}
