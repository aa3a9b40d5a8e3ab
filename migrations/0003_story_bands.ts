import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Story clustering: the LSH band keys of every item's near-duplicate signature, indexed so that finding an
 * item's candidates is an index range scan per key bounded by the dedup window, and the match that put each
 * item in its story, so that `feedloom explain` can say why.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  // One row per (band key, item). The key leads the primary key and the item's ordering instant follows it,
  // so "these keys, within the window" reads only matching rows. The instant is epoch milliseconds rather than
  // the ISO text used elsewhere: 8 bytes instead of 24 in a table that holds 16 rows per item.
  let bands = db.schema
    .createTable('item_bands')
    .addColumn('band_key', 'bigint', (col) => col.notNull())
    .addColumn('sort_ms', 'bigint', (col) => col.notNull())
    .addColumn('item_id', 'bigint', (col) => col.notNull().references('items.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('item_bands_pk', ['band_key', 'sort_ms', 'item_id']);
  // On SQLite the primary key is then the table itself (no rowid B-tree beside it): half the space.
  if (!postgres) bands = bands.modifyEnd(sql`without rowid`);
  await bands.execute();
  // For rewriting an updated item's keys, and for the cascade when retention deletes items.
  await db.schema.createIndex('item_bands_item_idx').on('item_bands').column('item_id').execute();

  await db.schema
    .createTable('story_matches')
    .addColumn('item_id', 'bigint', (col) => col.primaryKey().references('items.id').onDelete('cascade'))
    // Not a foreign key: the matched item may be purged before this one, and the record stays true.
    .addColumn('matched_item_id', 'bigint', (col) => col.notNull())
    .addColumn('rule', 'text', (col) => col.notNull())
    .addColumn('score', 'real', (col) => col.notNull())
    .addColumn('evidence', 'text', (col) => col.notNull())
    .addColumn('decided_at', 'text', (col) => col.notNull())
    .execute();
}

/** Drop what `up` created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('story_matches').execute();
  await db.schema.dropTable('item_bands').execute();
}
