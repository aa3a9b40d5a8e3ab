import { clampInterval } from './adaptive-interval.js';
import { firstAllowedTime } from './publisher-hints.js';

/** What decides when a source is checked next. */
export interface NextCheckInput {
  now: Date;
  /** The source's polling interval (configured or adapted), in ms. */
  intervalMs: number;
  minIntervalMs: number;
  maxIntervalMs: number;
  /** Consecutive failures including this attempt (0 after a success). */
  errorStreak: number;
  /** The publisher asks not to be polled sooner than this many ms from now (cache headers, Retry-After, ttl, sy:*). */
  notBeforeMs?: number;
  /** Hours (0–23 GMT) and days (0 = Sunday) the feed asks not to be read. */
  skip?: { hours: readonly number[]; days: readonly number[] };
  /** Uniform [0, 1): jitter source, injectable for tests. */
  random?: () => number;
}

/** Spread of the jitter around the chosen delay: ±10%, so sources on the same interval drift apart. */
const JITTER = 0.1;

/**
 * When to check a source next:
 * - after a success, its interval (clamped to min/max); after failures, exponential backoff
 *   (interval × 2^(streak−1)), capped at the max interval; one success resets the streak;
 * - ±10% jitter, still capped at the max interval;
 * - never earlier than the publisher asks (`notBeforeMs`), though no hint pushes past the max interval:
 *   the operator's bound on staleness wins over, say, a CDN's year-long max-age;
 * - then moved out of any skipped hour or day.
 */
export function nextCheckAt(input: NextCheckInput): Date {
  const max = input.maxIntervalMs;
  const base = clampInterval(input.intervalMs, input.minIntervalMs, max);
  const backoff = input.errorStreak > 0 ? base * 2 ** Math.min(input.errorStreak - 1, 30) : base;
  const jitter = 1 + ((input.random ?? Math.random)() * 2 - 1) * JITTER;
  let delay = Math.min(backoff * jitter, max);
  if (input.notBeforeMs !== undefined && input.notBeforeMs > delay) delay = Math.min(input.notBeforeMs, max);
  const at = new Date(input.now.getTime() + Math.round(delay));
  return input.skip === undefined ? at : firstAllowedTime(at, input.skip);
}
