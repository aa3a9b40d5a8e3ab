import type { Kysely } from 'kysely';
import type { Database, Timestamp } from './database.js';

/** How fetch attempts ended: fetched, answered 304, or failed. */
export type FetchResultName = 'ok' | 'not_modified' | 'error';

/** Fetch attempts that ended one way: `code` is the error code of failures, else the HTTP status. */
export interface FetchCount {
  result: FetchResultName;
  code: string;
  count: number;
}

/** One enabled source's health. */
export interface SourceHealth {
  id: string;
  lastSuccessAt: Timestamp | null;
  /** Consecutive failed fetches; 0 after a success. */
  errorStreak: number;
}

/** What /metrics reports from the database: the same numbers whichever process serves them. */
export interface StoreMetrics {
  fetches: FetchCount[];
  /** Items in every fetched document, summed over fetches (new + updated + unchanged). */
  itemsSeen: number;
  itemsNew: number;
  itemsUpdated: number;
  sources: SourceHealth[];
  itemsStored: number;
  storiesStored: number;
  /** Times two stories were found to be one (a counter kept in `site_state`: retention never lowers it). */
  storyMerges: number;
}

/** The columns of a `fetches` row that say how it ended. */
export interface FetchEnding {
  not_modified: number;
  error_code: string | null;
  http_status: number | null;
}

/** How a fetch attempt ended, as /metrics labels it. */
export function fetchResultOf(row: FetchEnding): { result: FetchResultName; code: string } {
  const result: FetchResultName = row.error_code !== null ? 'error' : row.not_modified === 1 ? 'not_modified' : 'ok';
  return { result, code: row.error_code ?? (row.http_status === null ? '' : String(row.http_status)) };
}

/** Read every store metric: fetches by result and code, item totals, per-source health, row counts. */
export async function readStoreMetrics(db: Kysely<Database>): Promise<StoreMetrics> {
  const [fetchRows, totals, sources, items, stories, merges] = await Promise.all([
    db.selectFrom('fetches')
      .select((eb) => [
        'not_modified', 'error_code', 'http_status',
        eb.fn.countAll<number | string>().as('count'),
        eb.fn.sum<number | string | null>('items_seen').as('seen'),
        eb.fn.sum<number | string | null>('items_new').as('new'),
        eb.fn.sum<number | string | null>('items_updated').as('updated'),
      ])
      .groupBy(['not_modified', 'error_code', 'http_status'])
      .execute(),
    // What purged rows counted: counters must not go down when retention deletes old attempts.
    db.selectFrom('fetch_totals').selectAll().execute(),
    db.selectFrom('sources').select(['id', 'last_success_at', 'error_count']).where('enabled', '=', 1).orderBy('id').execute(),
    db.selectFrom('items').select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirstOrThrow(),
    db.selectFrom('stories').select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirstOrThrow(),
    db.selectFrom('site_state').select('version').where('name', '=', 'story_merges').executeTakeFirst(),
  ]);

  // PostgreSQL returns bigint and numeric aggregates as strings: Number() reads both.
  const byResult = new Map<string, FetchCount>();
  let itemsSeen = 0;
  let itemsNew = 0;
  let itemsUpdated = 0;
  const add = (result: FetchResultName, code: string, row: { count: unknown; seen: unknown; new: unknown; updated: unknown }) => {
    const key = `${result} ${code}`;
    const entry = byResult.get(key) ?? { result, code, count: 0 };
    entry.count += Number(row.count);
    byResult.set(key, entry);
    itemsSeen += Number(row.seen ?? 0);
    itemsNew += Number(row.new ?? 0);
    itemsUpdated += Number(row.updated ?? 0);
  };
  for (const row of fetchRows) {
    const { result, code } = fetchResultOf(row);
    add(result, code, row);
  }
  for (const row of totals) {
    add(row.result as FetchResultName, row.code, { count: row.count, seen: row.items_seen, new: row.items_new, updated: row.items_updated });
  }
  const fetches = [...byResult.values()].sort((a, b) => a.result.localeCompare(b.result) || a.code.localeCompare(b.code));
  return {
    fetches,
    itemsSeen,
    itemsNew,
    itemsUpdated,
    sources: sources.map((s) => ({ id: s.id, lastSuccessAt: s.last_success_at, errorStreak: Number(s.error_count) })),
    itemsStored: Number(items.count),
    storiesStored: Number(stories.count),
    storyMerges: Number(merges?.version ?? 0),
  };
}
