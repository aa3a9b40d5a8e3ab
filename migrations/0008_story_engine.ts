import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Story engine v2 (src/dedup/story-engine.ts):
 * - `item_features`: each item's comparison features in compact stored form, computed once when it is stored, so
 *   that verifying a candidate never re-reads its text.
 * - `item_keys`: the index items are found by (their headline words, body names and figures), one row per key and
 *   item, keyed like `item_bands` was so that "this key, nearest this instant" is one bounded range scan. It
 *   replaces `item_bands` (MinHash bands of the first engine), which is dropped: items stored before this
 *   migration are found again once the first ingest pass after it has refiled their features (src/ingest/refresh-features.ts).
 * - `story_redirects`: a story merged into another (a later item showed they were one) answers with the other.
 * - story ids are drawn from their own counter from now on (a sequence on PostgreSQL, a `site_state` row on
 *   SQLite's single writer), no longer equal to the founding item's id: a story can outlive its founder's
 *   membership (an item rewritten into other news leaves it) and a merged story's id is never used again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('item_features')
    .addColumn('item_id', 'bigint', (col) => col.primaryKey().references('items.id').onDelete('cascade'))
    .addColumn('data', postgres ? 'bytea' : 'blob', (col) => col.notNull())
    .execute();
  let keys = db.schema
    .createTable('item_keys')
    .addColumn('key', 'bigint', (col) => col.notNull())
    .addColumn('sort_ms', 'bigint', (col) => col.notNull())
    .addColumn('item_id', 'bigint', (col) => col.notNull().references('items.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('item_keys_pk', ['key', 'sort_ms', 'item_id']);
  if (!postgres) keys = keys.modifyEnd(sql`without rowid`);
  await keys.execute();
  await db.schema.createIndex('item_keys_item_idx').on('item_keys').column('item_id').execute();
  await db.schema
    .createTable('story_redirects')
    .addColumn('from_id', 'bigint', (col) => col.primaryKey())
    .addColumn('to_id', 'bigint', (col) => col.notNull())
    .addColumn('merged_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('story_redirects_to_idx').on('story_redirects').column('to_id').execute();
  await db.schema.dropTable('item_bands').execute();
  // Above every story id and item id in use, so that new ids never meet an old one.
  const start = sql<number>`(select coalesce(max(m), 0) from (select max(id) as m from stories union all select max(id) as m from items) ids)`;
  if (postgres) {
    const row = await sql<{ start: string | number }>`select ${start} as start`.execute(db);
    await sql`create sequence story_ids start with ${sql.lit(Number(row.rows[0]?.start ?? 0) + 1)}`.execute(db);
  } else {
    await sql`insert into site_state (name, version) values ('story_ids', ${start})`.execute(db);
  }
}

/** Drop what `up` created, and bring `item_bands` back (empty: the first engine refiles nothing by itself). */
export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (postgres) await sql`drop sequence story_ids`.execute(db);
  else await sql`delete from site_state where name = 'story_ids'`.execute(db);
  await db.schema.dropTable('story_redirects').execute();
  await db.schema.dropTable('item_keys').execute();
  await db.schema.dropTable('item_features').execute();
  let bands = db.schema
    .createTable('item_bands')
    .addColumn('band_key', 'bigint', (col) => col.notNull())
    .addColumn('sort_ms', 'bigint', (col) => col.notNull())
    .addColumn('item_id', 'bigint', (col) => col.notNull().references('items.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('item_bands_pk', ['band_key', 'sort_ms', 'item_id']);
  if (!postgres) bands = bands.modifyEnd(sql`without rowid`);
  await bands.execute();
  await db.schema.createIndex('item_bands_item_idx').on('item_bands').column('item_id').execute();
}
