import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database.js';

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
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    await db.insertInto('item_bands').values(rows.slice(start, start + ROWS_PER_INSERT)).execute();
  }
}

/** Remove the band keys of the given items (before filing an updated item's new ones). */
export async function deleteBands(db: Executor, itemIds: readonly number[]): Promise<void> {
  for (let start = 0; start < itemIds.length; start += 500) {
    await db.deleteFrom('item_bands').where('item_id', 'in', itemIds.slice(start, start + 500)).execute();
  }
}

/**
 * The items filed under any of `keys` with an instant in [fromMs, toMs], most shared keys first, at most `limit`.
 * One index range scan per key (the primary key leads with band_key, then sort_ms): its cost depends on how many
 * items the window holds under those keys, not on how many items are stored.
 */
export async function bandHits(db: Executor, keys: readonly number[], range: { fromMs: number; toMs: number }, limit: number): Promise<BandHit[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom('item_bands')
    .select((eb) => ['item_id', eb.fn.countAll<number>().as('hits')])
    .where('band_key', 'in', [...keys])
    .where('sort_ms', '>=', range.fromMs)
    .where('sort_ms', '<=', range.toMs)
    .groupBy('item_id')
    .orderBy('hits', 'desc')
    .orderBy('item_id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ itemId: Number(row.item_id), hits: Number(row.hits) }));
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
