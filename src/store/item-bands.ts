import { CompiledQuery, PostgresAdapter, sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database.js';
import { chunks } from './chunks.js';

/** An item's band keys and the instant they are filed under. */
export interface ItemBands {
  itemId: number;
  sortMs: number;
  keys: readonly number[];
}

/** An item that shares band keys with a query, and how many. */
export interface BandHit {
  itemId: number;
  hits: number;
}

type Executor = Transaction<Database> | Kysely<Database>;

// Three bound values per row: 300 rows stay far below SQLite's and PostgreSQL's parameter limits.
const ROWS_PER_INSERT = 300;

/** File the band keys of the given items. */
export async function insertBands(db: Executor, items: readonly ItemBands[]): Promise<void> {
  const rows = items.flatMap((item) => [...new Set(item.keys)].map((key) => ({ band_key: key, sort_ms: item.sortMs, item_id: item.itemId })));
  for (const batch of chunks(rows, ROWS_PER_INSERT)) await db.insertInto('item_bands').values(batch).execute();
}

/** Remove the band keys of the given items (before filing an updated item's new ones). */
export async function deleteBands(db: Executor, itemIds: readonly number[]): Promise<void> {
  for (const batch of chunks(itemIds, 500)) await db.deleteFrom('item_bands').where('item_id', 'in', batch).execute();
}

/**
 * Items read per band key and side of the item's instant. A key that thousands of items in the window share (a
 * templated feed, a name every item carries) says little about which of them tells the same story; reading only
 * the ones nearest in time keeps the cost per new item bounded by keys × this, whatever the window holds.
 */
export const ITEMS_PER_KEY = 64;

/**
 * The items filed under any of `keys` with an instant in [fromMs, toMs], most shared keys first (then newest
 * id), at most `limit`. Per key, only the `ITEMS_PER_KEY` items nearest `atMs` on each side are read: one
 * bounded index range scan per key and side (the primary key leads with band_key, then sort_ms), so the cost
 * depends neither on how many items are stored nor on how many share a key.
 */
export async function bandHits(
  db: Executor,
  keys: readonly number[],
  range: { fromMs: number; toMs: number; atMs: number },
  limit: number,
): Promise<BandHit[]> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return [];
  const rows = db.getExecutor().adapter instanceof PostgresAdapter
    ? await nearestPerKeyPostgres(db, unique, range)
    : await nearestPerKeyUnion(db, unique, range);
  const hits = new Map<number, number>();
  for (const row of rows) hits.set(Number(row.item_id), (hits.get(Number(row.item_id)) ?? 0) + 1);
  return [...hits]
    .map(([itemId, count]) => ({ itemId, hits: count }))
    .sort((a, b) => b.hits - a.hits || b.itemId - a.itemId)
    .slice(0, limit);
}

type Range = { fromMs: number; toMs: number; atMs: number };

/** PostgreSQL: one statement, a bounded index scan per key and side through LATERAL (planned once, whatever the keys). */
async function nearestPerKeyPostgres(db: Executor, keys: readonly number[], range: Range): Promise<{ item_id: number | string }[]> {
  const side = (before: boolean) => sql`
    select near.item_id from unnest(${keys}::bigint[]) as k(key)
    cross join lateral (
      select item_id from item_bands
      where band_key = k.key and ${before
        ? sql`sort_ms <= ${range.atMs} and sort_ms >= ${range.fromMs} order by sort_ms desc`
        : sql`sort_ms > ${range.atMs} and sort_ms <= ${range.toMs} order by sort_ms asc`}
      limit ${ITEMS_PER_KEY}
    ) near`;
  const result = await sql<{ item_id: number | string }>`${side(true)} union all ${side(false)}`.execute(db);
  return result.rows;
}

/** The compound SELECT for `keys` keys, by count: built once (query building cost more than running it). */
const unionSql = new Map<number, string>();

function nearestPerKeySql(keys: number): string {
  let text = unionSql.get(keys);
  if (text === undefined) {
    const before = `select item_id from (select item_id from item_bands where band_key = ? and sort_ms <= ? and sort_ms >= ? order by sort_ms desc limit ${ITEMS_PER_KEY})`;
    const after = `select item_id from (select item_id from item_bands where band_key = ? and sort_ms > ? and sort_ms <= ? order by sort_ms asc limit ${ITEMS_PER_KEY})`;
    text = Array.from({ length: keys }, () => `${before} union all ${after}`).join(' union all ');
    unionSql.set(keys, text);
  }
  return text;
}

/** SQLite (no LATERAL): the same bounded scans as one compound SELECT of per-key subqueries. */
async function nearestPerKeyUnion(db: Executor, keys: readonly number[], range: Range): Promise<{ item_id: number }[]> {
  const parameters = keys.flatMap((key) => [key, range.atMs, range.fromMs, key, range.atMs, range.toMs]);
  const result = await db.executeQuery<{ item_id: number }>(CompiledQuery.raw(nearestPerKeySql(keys.length), parameters));
  return result.rows;
}

/** The band keys each of the given items shares with `keys` (for explain). */
export async function sharedBandKeys(db: Executor, keys: readonly number[], itemIds: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (keys.length === 0 || itemIds.length === 0) return out;
  const rows = await db
    .selectFrom('item_bands')
    .select(['item_id', 'band_key'])
    .where('band_key', 'in', [...keys])
    .where('item_id', 'in', [...itemIds])
    .execute();
  for (const row of rows) out.set(Number(row.item_id), [...(out.get(Number(row.item_id)) ?? []), Number(row.band_key)]);
  return out;
}
