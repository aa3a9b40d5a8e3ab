import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database, TimeInput } from './database.js';
import { toTimestamp } from './database.js';
import { fetchResultOf } from './metrics-reads.js';
import type { FetchResultName } from './metrics-reads.js';

/** How many items fall in each bucket of a time series, by source or overall; keys are timestamp prefixes. */
export type Buckets = Map<string, number>;

/**
 * Items per source and per UTC day (`YYYY-MM-DD`) ordered within [from, to): how much each source publishes
 * (by the item's own date, or when it was first seen if earlier).
 */
export async function itemsPerSourceDay(db: Kysely<Database>, from: TimeInput, to: TimeInput): Promise<Map<string, Buckets>> {
  const day = sql<string>`substr(sort_at, 1, 10)`;
  const rows = await db.selectFrom('items')
    .select((eb) => ['source_id', day.as('day'), eb.fn.countAll<number | string>().as('count')])
    .where('sort_at', '>=', toTimestamp(from)).where('sort_at', '<', toTimestamp(to))
    .groupBy(['source_id', day]).execute();
  const out = new Map<string, Buckets>();
  for (const row of rows) {
    const buckets = out.get(row.source_id) ?? new Map<string, number>();
    buckets.set(row.day, Number(row.count));
    out.set(row.source_id, buckets);
  }
  return out;
}

/** Items stored per UTC hour (`YYYY-MM-DDTHH`) within [from, to), all sources together: what ingestion brought in. */
export async function itemsStoredPerHour(db: Kysely<Database>, from: TimeInput, to: TimeInput): Promise<Buckets> {
  const hour = sql<string>`substr(first_seen_at, 1, 13)`;
  const rows = await db.selectFrom('items')
    .select((eb) => [hour.as('hour'), eb.fn.countAll<number | string>().as('count')])
    .where('first_seen_at', '>=', toTimestamp(from)).where('first_seen_at', '<', toTimestamp(to))
    .groupBy(hour).execute();
  return new Map(rows.map((row) => [row.hour, Number(row.count)]));
}

/** One fetch attempt, as the status charts show it. */
export interface FetchAttempt {
  startedAt: string;
  durationMs: number;
  result: FetchResultName;
  /** The error code of a failure, else the HTTP status ('' when none). */
  code: string;
}

/** The last `perSource` fetch attempts of every source started at or after `since`, oldest first. */
export async function recentAttempts(db: Kysely<Database>, since: TimeInput, perSource: number): Promise<Map<string, FetchAttempt[]>> {
  const rows = await db
    .selectFrom((eb) => eb.selectFrom('fetches')
      .select(['source_id', 'started_at', 'duration_ms', 'not_modified', 'error_code', 'http_status',
        sql<number>`row_number() over (partition by source_id order by started_at desc, id desc)`.as('rank')])
      .where('started_at', '>=', toTimestamp(since))
      .as('f'))
    .selectAll()
    .where('rank', '<=', perSource)
    .orderBy('source_id').orderBy('started_at').execute();
  const out = new Map<string, FetchAttempt[]>();
  for (const row of rows) {
    const list = out.get(row.source_id) ?? [];
    list.push({ startedAt: row.started_at, durationMs: Number(row.duration_ms), ...fetchResultOf({ ...row, not_modified: Number(row.not_modified) }) });
    out.set(row.source_id, list);
  }
  return out;
}

/** The stories first published at or after `since` that the most sources carried (ties: more items, newer). */
export async function widestStories(db: Kysely<Database>, since: TimeInput, limit: number): Promise<{ id: number; sources: number; items: number }[]> {
  const rows = await db.selectFrom('stories').select(['id', 'source_count', 'item_count'])
    .where('published_at', '>=', toTimestamp(since)).where('source_count', '>', 1)
    .orderBy('source_count', 'desc').orderBy('item_count', 'desc').orderBy('published_at', 'desc').limit(limit).execute();
  return rows.map((r) => ({ id: Number(r.id), sources: Number(r.source_count), items: Number(r.item_count) }));
}
