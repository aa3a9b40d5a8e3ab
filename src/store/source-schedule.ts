import type { Timestamp } from './database.js';
import { toOptionalTimestamp } from './database.js';
import { toJson } from './json-column.js';
import type { SourceRow, SourceUpdate } from './tables.js';

/** What a feed last asked of pollers, as the scheduler stores it (RSS ttl / sy:* interval, skipped hours and days). */
export interface StoredFeedHints {
  intervalMs?: number;
  skipHours: number[];
  /** 0 = Sunday. */
  skipDays: number[];
}

/** Scheduling state a fetch changes on its source, written in the fetch's own transaction; absent fields stay. */
export interface SourceScheduleChanges {
  /** The configured URL that answered 410 Gone (null: not gone). */
  goneUrl?: string | null;
  /** A permanent redirect confirmed on consecutive fetches, and the configured URL it replaces. */
  movedUrl?: string;
  movedFrom?: string;
  publishGapMs?: number | null;
  newestItemAt?: string | null;
  feedHints?: StoredFeedHints | null;
  /** Another source's URL that this one's configured URL permanently redirects onto (null: not a duplicate). */
  duplicateOf?: { sourceId: string; url: string } | null;
}

/** The scheduling state of a stored source, as the scheduler reads it. */
export interface SourceScheduleState {
  /** The URL to fetch: the confirmed new home of a moved source, else the configured URL. */
  fetchUrl: string;
  /** The configured URL answered 410 Gone: not fetched until its url changes. */
  gone: boolean;
  redirectUrl: string | null;
  publishGapMs: number | null;
  newestItemAt: Timestamp | null;
  feedHints: StoredFeedHints | null;
  /** The source whose URL the configured URL permanently redirects onto: not fetched (unless named). */
  duplicateOf: string | null;
}

/** The source columns for `changes` (recordFetch merges them into its update of the source). */
export function scheduleColumns(changes: SourceScheduleChanges | undefined): SourceUpdate {
  if (changes === undefined) return {};
  const columns: SourceUpdate = {};
  if (changes.goneUrl !== undefined) columns.gone_url = changes.goneUrl;
  if (changes.movedUrl !== undefined && changes.movedFrom !== undefined) {
    columns.moved_url = changes.movedUrl;
    columns.moved_from = changes.movedFrom;
  }
  if (changes.publishGapMs !== undefined) columns.publish_gap_ms = changes.publishGapMs === null ? null : Math.round(changes.publishGapMs);
  if (changes.newestItemAt !== undefined) columns.newest_item_at = toOptionalTimestamp(changes.newestItemAt);
  if (changes.feedHints !== undefined) columns.feed_hints = changes.feedHints === null ? null : toJson(changes.feedHints);
  if (changes.duplicateOf !== undefined) {
    columns.duplicate_of = changes.duplicateOf?.sourceId ?? null;
    columns.duplicate_url = changes.duplicateOf?.url ?? null;
  }
  return columns;
}

/** Read the scheduling state of a source row; a hand-edited feed_hints that is not ours reads as none. */
export function scheduleStateOf(row: SourceRow): SourceScheduleState {
  const moved = row.moved_url !== null && row.moved_from === row.url;
  return {
    fetchUrl: moved && row.moved_url !== null ? row.moved_url : row.url,
    gone: row.gone_url !== null && row.gone_url === row.url,
    redirectUrl: row.redirect_url,
    publishGapMs: row.publish_gap_ms === null ? null : Number(row.publish_gap_ms),
    newestItemAt: row.newest_item_at,
    feedHints: readFeedHints(row.feed_hints),
    duplicateOf: row.duplicate_of !== null && row.duplicate_url === row.url ? row.duplicate_of : null,
  };
}

function readFeedHints(text: string | null): StoredFeedHints | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const { intervalMs, skipHours, skipDays } = value as Record<string, unknown>;
    const numbers = (list: unknown): number[] => (Array.isArray(list) ? list.filter((n): n is number => Number.isInteger(n)) : []);
    return {
      ...(typeof intervalMs === 'number' && intervalMs > 0 ? { intervalMs } : {}),
      skipHours: numbers(skipHours),
      skipDays: numbers(skipDays),
    };
  } catch {
    return null;
  }
}
