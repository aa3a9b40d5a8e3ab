/** How often a source publishes, as learned from the dates of the items its feed lists. */
export interface PublishingRate {
  /** Median spacing between its recent items, in ms; null when fewer than three distinct dates are known. */
  gapMs: number | null;
  /** The newest item's date (ISO 8601), or null when no item is dated. */
  newestAt: string | null;
}

/** Dates later than this past "now" are a publisher's clock or typo, not a signal. */
const FUTURE_SLACK_MS = 3_600_000;
/** The most recent items looked at: enough for a stable median, recent enough to follow a change of pace. */
const RECENT_ITEMS = 11;

/** The publishing rate shown by item dates (published, else updated): the median gap between the newest eleven. */
export function publishingRate(dates: readonly (string | null | undefined)[], now: Date): PublishingRate {
  const limit = now.getTime() + FUTURE_SLACK_MS;
  const times = [...new Set(dates.map((d) => (d ? Date.parse(d) : NaN)).filter((t) => Number.isFinite(t) && t <= limit))]
    .sort((a, b) => b - a)
    .slice(0, RECENT_ITEMS);
  const newest = times[0];
  if (newest === undefined) return { gapMs: null, newestAt: null };
  const gaps = times.slice(1).map((t, i) => (times[i] ?? t) - t).sort((a, b) => a - b);
  const gapMs = gaps.length >= 2 ? (gaps[Math.floor(gaps.length / 2)] ?? null) : null;
  return { gapMs, newestAt: new Date(newest).toISOString() };
}

/** Clamp a duration to [min, max]. */
export function clampInterval(ms: number, min: number, max: number): number {
  return Math.min(Math.max(ms, min), max);
}

/**
 * The polling interval for a source, adapted to how often it publishes:
 *
 * 1. the source's spacing is the median gap between its recent items, or the time since its newest item
 *    when that is longer (a source that has gone quiet is polled less and less);
 * 2. the wanted interval is half that spacing (two looks per typical gap, so a new item waits on
 *    average a quarter of a gap);
 * 3. it stays between a quarter of and eight times the configured interval, the operator's intent;
 * 4. and then within schedule.minInterval and schedule.maxInterval.
 *
 * Without dated items the configured interval is used, clamped to min/max.
 */
export function adaptiveIntervalMs(input: {
  configuredMs: number;
  minMs: number;
  maxMs: number;
  rate: PublishingRate;
  now: Date;
}): number {
  const { configuredMs, rate } = input;
  let wanted = configuredMs;
  if (rate.gapMs !== null && rate.newestAt !== null) {
    const quiet = Math.max(0, input.now.getTime() - Date.parse(rate.newestAt));
    const spacing = Math.max(rate.gapMs, quiet);
    wanted = clampInterval(spacing / 2, configuredMs / 4, configuredMs * 8);
  }
  return Math.round(clampInterval(wanted, input.minMs, input.maxMs));
}
