import { CompiledQuery, PostgresAdapter, sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { KeyHit, KeyQuery } from '../model/story-port.js';
import type { Database } from './database.js';
import { chunks } from './chunks.js';

type Executor = Transaction<Database> | Kysely<Database>;

// Three bound values per row: far below SQLite's and PostgreSQL's parameter limits.
const ROWS_PER_INSERT = 300;
/** SQLite allows 500 terms in a compound SELECT; each query is two (one per side of its instant). */
const QUERIES_PER_SQLITE_STATEMENT = 250;
const QUERIES_PER_POSTGRES_STATEMENT = 5_000;

/** File index keys: one row per distinct key of each item. */
export async function insertKeys(db: Executor, items: readonly { itemId: number; atMs: number; keys: readonly number[] }[]): Promise<void> {
  const rows = items.flatMap((item) => [...new Set(item.keys)].map((key) => ({ key, sort_ms: item.atMs, item_id: item.itemId })));
  // In key order: neighbouring rows land on the same index pages, so a write touches fewer of them.
  rows.sort((a, b) => a.key - b.key || a.sort_ms - b.sort_ms);
  for (const batch of chunks(rows, ROWS_PER_INSERT)) await db.insertInto('item_keys').values(batch).execute();
}

/** Remove the index keys of the given items (before filing a rewritten item's new ones). */
export async function deleteKeys(db: Executor, itemIds: readonly number[]): Promise<void> {
  for (const batch of chunks(itemIds, 500)) await db.deleteFrom('item_keys').where('item_id', 'in', batch).execute();
}

/**
 * For each query, the items filed under its key nearest its instant within its range: at most `perSide` at or
 * before the instant and `perSide` after it. One bounded index range scan per query and side (the primary key leads
 * with the key, then the instant), so the cost depends neither on how many items are stored nor on how many share
 * a key; the queries of a whole fetch go in a few statements.
 */
export async function keyNeighbours(db: Executor, queries: readonly KeyQuery[], perSide: number): Promise<KeyHit[]> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const out: KeyHit[] = [];
  const size = postgres ? QUERIES_PER_POSTGRES_STATEMENT : QUERIES_PER_SQLITE_STATEMENT;
  for (let start = 0; start < queries.length; start += size) {
    const batch = queries.slice(start, start + size);
    const rows = postgres ? await neighboursPostgres(db, batch, perSide) : await neighboursSqlite(db, batch, perSide);
    for (const row of rows) out.push({ query: start + Number(row.q), itemId: Number(row.item_id), atMs: Number(row.sort_ms) });
  }
  return out;
}

interface NeighbourRow {
  q: number | string;
  item_id: number | string;
  sort_ms: number | string;
}

/** PostgreSQL: one statement, a bounded index scan per query and side through LATERAL. */
async function neighboursPostgres(db: Executor, queries: readonly KeyQuery[], perSide: number): Promise<NeighbourRow[]> {
  const q = queries.map((_, i) => i);
  const keys = queries.map((x) => x.key);
  const at = queries.map((x) => x.atMs);
  const from = queries.map((x) => x.fromMs);
  const to = queries.map((x) => x.toMs);
  const result = await sql<NeighbourRow>`
    select k.q, near.item_id, near.sort_ms
    from unnest(${q}::int[], ${keys}::bigint[], ${at}::bigint[], ${from}::bigint[], ${to}::bigint[]) as k(q, key, at, lo, hi)
    cross join lateral (
      (select item_id, sort_ms from item_keys where key = k.key and sort_ms <= k.at and sort_ms >= k.lo order by sort_ms desc limit ${perSide})
      union all
      (select item_id, sort_ms from item_keys where key = k.key and sort_ms > k.at and sort_ms <= k.hi order by sort_ms asc limit ${perSide})
    ) near`.execute(db);
  return result.rows;
}

/** The compound SELECT for `count` queries, by count and bound: built once (building it costs more than running it). */
const sqliteText = new Map<string, string>();

function sqliteStatement(count: number, perSide: number): string {
  const id = `${count}:${perSide}`;
  let text = sqliteText.get(id);
  if (text === undefined) {
    const before = `select ? as q, item_id, sort_ms from (select item_id, sort_ms from item_keys where key = ? and sort_ms <= ? and sort_ms >= ? order by sort_ms desc limit ${perSide})`;
    const after = `select ? as q, item_id, sort_ms from (select item_id, sort_ms from item_keys where key = ? and sort_ms > ? and sort_ms <= ? order by sort_ms asc limit ${perSide})`;
    text = Array.from({ length: count }, () => `${before} union all ${after}`).join(' union all ');
    sqliteText.set(id, text);
  }
  return text;
}

/** SQLite (no LATERAL): the same bounded scans as one compound SELECT of per-query subqueries. */
async function neighboursSqlite(db: Executor, queries: readonly KeyQuery[], perSide: number): Promise<NeighbourRow[]> {
  const parameters = queries.flatMap((x, i) => [i, x.key, x.atMs, x.fromMs, i, x.key, x.atMs, x.toMs]);
  const result = await db.executeQuery<NeighbourRow>(CompiledQuery.raw(sqliteStatement(queries.length, perSide), parameters));
  return result.rows;
}
