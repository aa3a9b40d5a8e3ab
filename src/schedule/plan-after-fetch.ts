import type { ParsedPollingHints } from '../model/index.js';
import { adaptiveIntervalMs, publishingRate } from './adaptive-interval.js';
import type { PublishingRate } from './adaptive-interval.js';
import { nextCheckAt } from './next-check.js';
import { cacheFreshnessMs, feedIntervalMs, retryAfterMs, skipWindows } from './publisher-hints.js';

/** What the feed document itself last asked for; kept by the store so it still holds after a 304. */
export interface FeedHints {
  /** The longer of RSS ttl and sy:updatePeriod/updateFrequency, in ms. */
  intervalMs?: number;
  skipHours: number[];
  /** 0 = Sunday. */
  skipDays: number[];
}

/** A source's scheduling state before this fetch (from the store). */
export interface ScheduleState {
  /** The configured URL. */
  url: string;
  /** Consecutive failures before this attempt. */
  errorCount: number;
  /** Where the previous successful fetch was permanently redirected to, if it was. */
  redirectUrl: string | null;
  rate: PublishingRate;
  feedHints: FeedHints | null;
  /** The source this one was found to duplicate, if it was (null or absent: not a duplicate). */
  duplicateOf?: string | null;
}

/** The operator's settings for this source: configured interval and the schedule's bounds. */
export interface SchedulePolicy {
  intervalMs: number;
  minIntervalMs: number;
  maxIntervalMs: number;
}

/** What one fetch attempt showed. */
export type FetchObservation =
  | {
      kind: 'fetched';
      notModified: boolean;
      headers: Readonly<Record<string, string>>;
      /** Set when every redirect hop was permanent (301/308). */
      permanentRedirect: string | null;
      /** From the parsed feed (absent on a 304). */
      polling?: ParsedPollingHints;
      /** Published (else updated) dates of the listed items (absent on a 304). */
      itemDates?: readonly (string | null)[];
      /** The other source whose URL the permanent redirect landed on: this one duplicates it. */
      duplicateOf?: string;
    }
  | { kind: 'failed'; status: number | null; retryAfterSeconds?: string };

/** Source state to write with the fetch: only the fields present change. */
export interface ScheduleChanges {
  goneUrl?: string | null;
  movedUrl?: string;
  movedFrom?: string;
  publishGapMs?: number | null;
  newestItemAt?: string | null;
  feedHints?: FeedHints | null;
  /** The source this one duplicates (its configured URL redirects onto that one's), or null when it does not. */
  duplicateOf?: { sourceId: string; url: string } | null;
}

/** Something an operator should hear about: the source is gone, has moved, or duplicates another. */
export interface ScheduleNotice {
  kind: 'gone' | 'moved' | 'duplicate';
  message: string;
}

/** The decision after one fetch: when to look again, what to remember, what to tell the operator. */
export interface SchedulePlan {
  nextFetchAt: Date;
  /** The adapted interval before hints, jitter and backoff. */
  intervalMs: number;
  changes: ScheduleChanges;
  notices: ScheduleNotice[];
}

/** Retry-After is honoured on these statuses only (RFC 9110: 503; RFC 6585: 429). */
const RETRY_AFTER_STATUSES = new Set([429, 503]);

/**
 * Decide what happens after one fetch of a source: its next check (see `nextCheckAt` and
 * `adaptiveIntervalMs` for the rules), whether it is gone (410) or has moved (the same permanent
 * redirect on two consecutive successful fetches), and what it taught us about its publishing rate.
 */
export function planAfterFetch(input: {
  state: ScheduleState;
  policy: SchedulePolicy;
  observation: FetchObservation;
  now: Date;
  random?: () => number;
}): SchedulePlan {
  const { state, policy, observation, now } = input;
  const changes: ScheduleChanges = {};
  const notices: ScheduleNotice[] = [];
  let rate = state.rate;
  let hints = state.feedHints;
  const notBefore: (number | undefined)[] = [];
  let errorStreak = 0;

  if (observation.kind === 'fetched') {
    changes.goneUrl = null;
    if (observation.itemDates !== undefined) {
      rate = publishingRate(observation.itemDates, now);
      changes.publishGapMs = rate.gapMs;
      changes.newestItemAt = rate.newestAt;
    }
    if (observation.polling !== undefined) {
      hints = toFeedHints(observation.polling);
      changes.feedHints = hints;
    }
    notBefore.push(cacheFreshnessMs(observation.headers, now));
    const moved = observation.permanentRedirect;
    if (observation.duplicateOf !== undefined) {
      changes.duplicateOf = { sourceId: observation.duplicateOf, url: state.url };
      notices.push({
        kind: 'duplicate',
        message: `permanently redirected to ${moved ?? 'the URL'} of source "${observation.duplicateOf}": a duplicate, no longer fetched; `
          + 'remove one of the two from the config',
      });
    } else if (state.duplicateOf) {
      // Fetched by name (`ingest --source`) and no longer leading to the other source: a duplicate no more.
      changes.duplicateOf = null;
    }
    if (observation.duplicateOf === undefined && moved !== null && moved === state.redirectUrl) {
      changes.movedUrl = moved;
      changes.movedFrom = state.url;
      notices.push({ kind: 'moved', message: `permanently redirected to ${moved} on two fetches in a row: now fetched there; update its url in the config` });
    }
  } else {
    errorStreak = state.errorCount + 1;
    if (observation.status === 410) {
      changes.goneUrl = state.url;
      notices.push({ kind: 'gone', message: `410 Gone from ${state.url}: disabled; change its url in the config (or ingest --source it) to try again` });
    }
    if (observation.status !== null && RETRY_AFTER_STATUSES.has(observation.status)) {
      notBefore.push(retryAfterMs(observation.retryAfterSeconds, now));
    }
  }
  notBefore.push(hints?.intervalMs);
  const intervalMs = adaptiveIntervalMs({
    configuredMs: policy.intervalMs, minMs: policy.minIntervalMs, maxMs: policy.maxIntervalMs, rate, now,
  });
  const asked = notBefore.filter((ms): ms is number => ms !== undefined);
  const nextFetchAt = nextCheckAt({
    now, intervalMs, minIntervalMs: policy.minIntervalMs, maxIntervalMs: policy.maxIntervalMs, errorStreak,
    ...(asked.length > 0 ? { notBeforeMs: Math.max(...asked) } : {}),
    ...(hints !== null ? { skip: { hours: hints.skipHours, days: hints.skipDays } } : {}),
    ...(input.random !== undefined ? { random: input.random } : {}),
  });
  return { nextFetchAt, intervalMs, changes, notices };
}

function toFeedHints(polling: ParsedPollingHints): FeedHints {
  const interval = feedIntervalMs(polling);
  const skip = skipWindows(polling);
  return { ...(interval !== undefined ? { intervalMs: interval } : {}), skipHours: skip.hours, skipDays: skip.days };
}
