import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Stories (one per cluster of items telling the same news), the vendors each item is about, the
 * ordering instant of each item, and a content version that readers poll to know when to re-render.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // A story's id is the id of the item that founded it: stable, and no id mapping needed on insert.
  await db.schema
    .createTable('stories')
    .addColumn('id', 'bigint', (col) => col.primaryKey())
    .addColumn('published_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('item_count', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('source_count', 'integer', (col) => col.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('stories_published_idx').on('stories').column('published_at').execute();

  await db.schema
    .createTable('item_vendors')
    .addColumn('item_id', 'bigint', (col) => col.notNull().references('items.id').onDelete('cascade'))
    .addColumn('vendor_id', 'text', (col) => col.notNull())
    .addColumn('matched', 'text', (col) => col.notNull())
    .addColumn('field', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('item_vendors_pk', ['item_id', 'vendor_id'])
    .execute();
  await db.schema.createIndex('item_vendors_vendor_idx').on('item_vendors').columns(['vendor_id', 'item_id']).execute();

  // The instant an item is ordered by: the earlier of its stated publication and when we first saw it,
  // so a publisher's future-dated item cannot pin itself to the top of every feed.
  await db.schema.alterTable('items').addColumn('sort_at', 'text').execute();
  await sql`update items set sort_at = case
    when published_at is not null and published_at < first_seen_at then published_at else first_seen_at end`.execute(db);
  await db.schema.createIndex('items_sort_idx').on('items').column('sort_at').execute();
  await sql`insert into stories (id, published_at, updated_at, item_count, source_count)
    select id, sort_at, first_seen_at, 1, 1 from items where story_id is null`.execute(db);
  await sql`update items set story_id = id where story_id is null`.execute(db);

  await db.schema
    .createTable('site_state')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('version', 'bigint', (col) => col.notNull().defaultTo(0))
    .execute();
  await sql`insert into site_state (name, version) values ('content', 0)`.execute(db);
}

/** Drop what `up` created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('site_state').execute();
  await db.schema.dropIndex('items_sort_idx').execute();
  await db.schema.alterTable('items').dropColumn('sort_at').execute();
  await db.schema.dropTable('item_vendors').execute();
  await db.schema.dropTable('stories').execute();
}
