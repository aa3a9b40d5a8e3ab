import { PostgresAdapter, sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { Database, Timestamp } from './database.js';
import { chunks } from './chunks.js';

const BATCH = 500;

/** The key of the PostgreSQL advisory lock that story assignment holds (ASCII "flms"). */
const STORY_ASSIGNMENT_LOCK = 0x666c6d73;

/**
 * Serialise story assignment across connections, for the rest of the transaction. Without it, two writers
 * that bring the first tellings of one new story at the same instant each read candidates before the
 * other commits, and each founds a story: twins that only a later bridging item would merge. On
 * PostgreSQL this takes a transaction-scoped advisory lock, so the statements after it (read committed)
 * see every story a writer that held it before committed. SQLite needs nothing: the fetch's transaction
 * writes first (the source row), so it holds the database's write lock throughout.
 */
export async function lockStoryAssignment(trx: Transaction<Database>): Promise<void> {
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`select pg_advisory_xact_lock(${STORY_ASSIGNMENT_LOCK})`.execute(trx);
}

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
