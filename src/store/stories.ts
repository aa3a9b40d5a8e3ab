import { PostgresAdapter } from 'kysely';
import type { Transaction } from 'kysely';
import type { Database, Timestamp } from './database.js';
import { chunks } from './chunks.js';

const BATCH = 500;


/** Found a story per item (story id = the founding item's id), each with that one item. */
export async function createStories(trx: Transaction<Database>, founders: readonly { itemId: number; sortAt: Timestamp }[], now: Timestamp): Promise<void> {
  for (const batch of chunks(founders, BATCH)) {
    await trx
      .insertInto('stories')
      .values(batch.map((f) => ({ id: f.itemId, published_at: f.sortAt, updated_at: now, item_count: 1, source_count: 1 })))
      .execute();
  }
}

/**
 * Lock the rows of stories this transaction is about to change, in id order. PostgreSQL: two workers joining
 * items to the same stories queue on the row locks instead of overwriting each other's counts, and taking
 * them in one order means they cannot deadlock. SQLite has a single writer already (BEGIN IMMEDIATE).
 */
export async function lockStories(trx: Transaction<Database>, storyIds: readonly number[]): Promise<void> {
  if (storyIds.length === 0 || !(trx.getExecutor().adapter instanceof PostgresAdapter)) return;
  const ids = [...new Set(storyIds)].sort((a, b) => a - b);
  for (const batch of chunks(ids, BATCH)) {
    await trx.selectFrom('stories').select('id').where('id', 'in', batch).orderBy('id').forUpdate().execute();
  }
}

/** Put founding items in their own stories (story id = item id). */
export async function setOwnStories(trx: Transaction<Database>, itemIds: readonly number[]): Promise<void> {
  for (const batch of chunks(itemIds, BATCH)) await trx.updateTable('items').set((eb) => ({ story_id: eb.ref('id') })).where('id', 'in', batch).execute();
}

/** Put items in a story (a story id → the ids of the items joining it). */
export async function setItemStories(trx: Transaction<Database>, members: ReadonlyMap<number, readonly number[]>): Promise<void> {
  for (const [storyId, itemIds] of members) {
    for (const batch of chunks(itemIds, BATCH)) await trx.updateTable('items').set({ story_id: storyId }).where('id', 'in', batch).execute();
  }
}

/**
 * Recount stories from their items: item and source counts, the earliest ordering instant, and `updated_at`.
 * A separate statement after `lockStories`, so that on PostgreSQL (read committed) it sees items that a
 * concurrent writer committed while this one waited for the lock.
 */
export async function recountStories(trx: Transaction<Database>, storyIds: readonly number[], now: Timestamp): Promise<void> {
  for (const batch of chunks([...new Set(storyIds)], BATCH)) {
    await trx
      .updateTable('stories')
      .set((eb) => ({
        updated_at: now,
        item_count: eb.selectFrom('items').select((s) => s.fn.countAll<number>().as('n')).whereRef('items.story_id', '=', 'stories.id'),
        source_count: eb.selectFrom('items').select((s) => s.fn.count<number>('items.source_id').distinct().as('n')).whereRef('items.story_id', '=', 'stories.id'),
        published_at: eb.fn.coalesce(
          eb.selectFrom('items').select((s) => s.fn.min<string>('sort_at').as('m')).whereRef('items.story_id', '=', 'stories.id'),
          eb.ref('stories.published_at'),
        ),
      }))
      .where('id', 'in', batch)
      .execute();
  }
}

/** The stories the given items are in. */
export async function storiesOfItems(trx: Transaction<Database>, itemIds: readonly number[]): Promise<number[]> {
  const out: number[] = [];
  for (const batch of chunks(itemIds, BATCH)) {
    const rows = await trx.selectFrom('items').select('story_id').where('id', 'in', batch).where('story_id', 'is not', null).execute();
    for (const row of rows) if (row.story_id !== null) out.push(Number(row.story_id));
  }
  return out;
}
