import { UsageError } from '../model/errors.js';

/** Milliseconds per duration unit, largest first (the order a compound duration must use). */
const UNITS = [
  ['w', 604_800_000],
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
  ['ms', 1],
] as const;

type Unit = (typeof UNITS)[number][0];

/** What a duration string looks like: one or more `<number><unit>` parts, e.g. "90s", "1h30m", "1.5h". */
export const DURATION_PATTERN = '^(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h|d|w))+$';

const WHOLE = new RegExp(DURATION_PATTERN);
// "ms" before "m" and "s", so "5ms" is five milliseconds, not five minutes and a stray "s".
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;

/** Parse a duration such as "90s", "15m", "24h", "7d", "1h30m" to milliseconds; undefined when it is not one. */
export function tryParseDuration(text: string): number | undefined {
  if (!WHOLE.test(text)) return undefined;
  let total = 0;
  let previousRank = -1;
  for (const [, amount, unit] of text.matchAll(PART)) {
    const rank = UNITS.findIndex(([name]) => name === (unit as Unit));
    // Largest unit first, each at most once: "30m1h" or "1m1m" is more likely a typo than intended.
    if (rank <= previousRank) return undefined;
    previousRank = rank;
    total += Number(amount) * (UNITS[rank]?.[1] ?? 0);
  }
  const ms = Math.round(total);
  return Number.isSafeInteger(ms) ? ms : undefined;
}

/** Parse a duration to milliseconds; throws UsageError when the text is not a duration. */
export function parseDuration(text: string): number {
  const ms = tryParseDuration(text);
  if (ms === undefined) {
    throw new UsageError(`not a duration: ${JSON.stringify(text)} (use a number and a unit: 90s, 15m, 24h, 7d)`);
  }
  return ms;
}

/** Format milliseconds as the shortest compound duration that parses back to the same value ("1h30m", "7d", "0s"). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  let rest = Math.round(Math.abs(ms));
  if (rest === 0) return '0s';
  let text = '';
  // Weeks are left out on purpose: "14d" reads better than "2w" in a schedule.
  for (const [unit, size] of UNITS.slice(1)) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return ms < 0 ? `-${text}` : text;
}
