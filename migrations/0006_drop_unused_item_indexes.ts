import type { Kysely } from 'kysely';

/**
 * Drop two indexes no query uses: items are read by story, by sort_at (the earlier of published and first seen),
 * by canonical URL and by guid key, never by published_at. Each index cost a write on every item stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('items_published_idx').ifExists().execute();
  await db.schema.dropIndex('items_source_published_idx').ifExists().execute();
}

/** Recreate what `up` dropped. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('items_published_idx').on('items').column('published_at').execute();
  await db.schema.createIndex('items_source_published_idx').on('items').columns(['source_id', 'published_at']).execute();
}
