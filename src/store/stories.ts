import { PostgresAdapter } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { Database, Timestamp } from './database.js';
import { chunks } from './chunks.js';

const BATCH = 500;

/**
 * Lock the rows of stories this transaction is about to change, in id order. PostgreSQL: two workers joining
 * items to the same stories queue on the row locks instead of overwriting each other's counts, and taking
 * them in one order means they cannot deadlock. SQLite has a single writer already (BEGIN IMMEDIATE).
 */
export async function lockStories(trx: Transaction<Database> | Kysely<Database>, storyIds: readonly number[]): Promise<void> {
  if (storyIds.length === 0 || !(trx.getExecutor().adapter instanceof PostgresAdapter)) return;
  const ids = [...new Set(storyIds)].sort((a, b) => a - b);
  for (const batch of chunks(ids, BATCH)) {
    await trx.selectFrom('stories').select('id').where('id', 'in', batch).orderBy('id').forUpdate().execute();
  }
}

/**
 * Recount stories from their items: item and source counts, the earliest ordering instant, and `updated_at`.
 * A separate statement after `lockStories`, so that on PostgreSQL (read committed) it sees items that a
 * concurrent writer committed while this one waited for the lock.
 */
export async function recountStories(trx: Transaction<Database> | Kysely<Database>, storyIds: readonly number[], now: Timestamp): Promise<void> {
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
