import type { Kysely, Transaction } from 'kysely';
import type { Database, Timestamp } from './database.js';
import { chunks } from './chunks.js';

// Rows per statement: 3 bound values each.
const BATCH = 500;

/** One purged item's identity. */
export interface Tombstone {
  sourceId: string;
  guidKey: string;
}

/** Record the identity of purged items (idempotent: a tombstone already there stays as it was). */
export async function addTombstones(trx: Transaction<Database>, tombstones: readonly Tombstone[], purgedAt: Timestamp): Promise<void> {
  for (const batch of chunks(tombstones, BATCH)) {
    await trx
      .insertInto('item_tombstones')
      .values(batch.map((t) => ({ source_id: t.sourceId, guid_key: t.guidKey, purged_at: purgedAt })))
      .onConflict((oc) => oc.columns(['source_id', 'guid_key']).doNothing())
      .execute();
  }
}

/** The records of `sourceId` whose identity was not purged: a feed still listing a purged item does not bring it back. */
export async function withoutTombstoned<T extends { guidKey: string }>(
  trx: Transaction<Database> | Kysely<Database>,
  sourceId: string,
  records: readonly T[],
): Promise<T[]> {
  if (records.length === 0) return [];
  const buried = new Set<string>();
  for (const batch of chunks(records, BATCH)) {
    const rows = await trx
      .selectFrom('item_tombstones')
      .select('guid_key')
      .where('source_id', '=', sourceId)
      .where('guid_key', 'in', batch.map((r) => r.guidKey))
      .execute();
    for (const row of rows) buried.add(row.guid_key);
  }
  return buried.size === 0 ? [...records] : records.filter((r) => !buried.has(r.guidKey));
}

/** How many tombstones there are, for one source or all. */
export async function countTombstones(db: Kysely<Database>, options: { sourceId?: string } = {}): Promise<number> {
  let query = db.selectFrom('item_tombstones').select((eb) => eb.fn.countAll().as('count'));
  if (options.sourceId !== undefined) query = query.where('source_id', '=', options.sourceId);
  return Number((await query.executeTakeFirstOrThrow()).count);
}
