import type { Kysely } from 'kysely';
import { autoId } from './column-helpers.js';

// Types used by every column below exist under the same name on SQLite and PostgreSQL.
// Timestamps are ISO-8601 UTC text with milliseconds (see src/store/database.ts); booleans are 0/1 integers.

/** Sources, fetch attempts and items. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = autoId(db);
  await db.schema
    .createTable('sources')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('url', 'text', (col) => col.notNull())
    .addColumn('title', 'text')
    .addColumn('site_url', 'text')
    .addColumn('tags', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('enabled', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('priority', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('last_fetch_at', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('last_status', 'integer')
    .addColumn('last_error_code', 'text')
    .addColumn('last_error', 'text')
    .addColumn('error_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_fetch_at', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_token', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('redirect_url', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('sources_due_idx').on('sources').columns(['enabled', 'next_fetch_at']).execute();
  await db.schema.createIndex('sources_lease_idx').on('sources').column('lease_until').execute();

  await db.schema
    .createTable('fetches')
    .addColumn('id', id.type, id.build)
    .addColumn('source_id', 'text', (col) => col.notNull().references('sources.id'))
    .addColumn('started_at', 'text', (col) => col.notNull())
    .addColumn('duration_ms', 'integer', (col) => col.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('bytes', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('not_modified', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('items_seen', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('items_new', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('items_updated', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .execute();
  await db.schema.createIndex('fetches_source_started_idx').on('fetches').columns(['source_id', 'started_at']).execute();
  await db.schema.createIndex('fetches_started_idx').on('fetches').column('started_at').execute();

  await db.schema
    .createTable('items')
    .addColumn('id', id.type, id.build)
    .addColumn('source_id', 'text', (col) => col.notNull().references('sources.id'))
    .addColumn('guid', 'text', (col) => col.notNull())
    .addColumn('guid_key', 'text', (col) => col.notNull())
    .addColumn('url', 'text')
    .addColumn('canonical_url', 'text')
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('summary_html', 'text', (col) => col.notNull())
    .addColumn('content_html', 'text', (col) => col.notNull())
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('authors', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('categories', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('enclosures', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('published_at', 'text')
    .addColumn('updated_at', 'text')
    .addColumn('first_seen_at', 'text', (col) => col.notNull())
    .addColumn('last_seen_at', 'text', (col) => col.notNull())
    .addColumn('content_hash', 'text', (col) => col.notNull())
    .addColumn('fingerprint', 'text')
    .addColumn('story_id', 'bigint')
    .addUniqueConstraint('items_source_guid_key_unique', ['source_id', 'guid_key'])
    .execute();
  await db.schema.createIndex('items_published_idx').on('items').column('published_at').execute();
  await db.schema.createIndex('items_source_published_idx').on('items').columns(['source_id', 'published_at']).execute();
  await db.schema.createIndex('items_canonical_url_idx').on('items').column('canonical_url').execute();
  await db.schema.createIndex('items_story_idx').on('items').column('story_id').execute();
  await db.schema.createIndex('items_first_seen_idx').on('items').column('first_seen_at').execute();
}

/** Drop everything `up` created (indexes go with their tables). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('items').execute();
  await db.schema.dropTable('fetches').execute();
  await db.schema.dropTable('sources').execute();
}
