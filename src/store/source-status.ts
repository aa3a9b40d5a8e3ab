import type { Kysely } from 'kysely';
import type { Database, Timestamp } from './database.js';
import { toTimestamp } from './database.js';
import { scheduleStateOf } from './source-schedule.js';
import { itemCountsSince } from './story-reads.js';

/** A source as operators see it (`feedloom sources list`). */
export interface SourceStatus {
  id: string;
  /** The configured URL. */
  url: string;
  title: string | null;
  enabled: boolean;
  /** Disabled by a 410 Gone from its configured URL. */
  gone: boolean;
  /** Where it is fetched instead, after a permanent redirect seen on consecutive fetches; null when not moved. */
  movedUrl: string | null;
  /** The source whose URL this one permanently redirects onto (not fetched), else null. */
  duplicateOf: string | null;
  lastFetchAt: Timestamp | null;
  lastSuccessAt: Timestamp | null;
  lastStatus: number | null;
  lastErrorCode: string | null;
  lastError: string | null;
  /** Consecutive failures. */
  errorStreak: number;
  /** Items ordered within the last 7 days. */
  itemsLast7Days: number;
  nextFetchAt: Timestamp | null;
  /** The worker holding a live lease on it (fetching it now), else null. */
  leasedBy: string | null;
}

const WEEK_MS = 7 * 86_400_000;

/** Every stored source with its health, by id. */
export async function sourceStatuses(db: Kysely<Database>, now: Date = new Date()): Promise<SourceStatus[]> {
  const rows = await db.selectFrom('sources').selectAll().orderBy('id').execute();
  const counts = await itemCountsSince(db, toTimestamp(new Date(now.getTime() - WEEK_MS)));
  const at = toTimestamp(now);
  return rows.map((row) => {
    const state = scheduleStateOf(row);
    return {
      id: row.id,
      url: row.url,
      title: row.title,
      enabled: row.enabled === 1,
      gone: state.gone,
      movedUrl: state.fetchUrl === row.url ? null : state.fetchUrl,
      duplicateOf: state.duplicateOf,
      lastFetchAt: row.last_fetch_at,
      lastSuccessAt: row.last_success_at,
      lastStatus: row.last_status,
      lastErrorCode: row.last_error_code,
      lastError: row.last_error,
      errorStreak: row.error_count,
      itemsLast7Days: counts.get(row.id) ?? 0,
      nextFetchAt: row.next_fetch_at,
      leasedBy: row.lease_until !== null && row.lease_until > at ? row.lease_owner : null,
    };
  });
}
