import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';
import { autoId } from './column-helpers.js';

/**
 * Operators' features (issue 12):
 * - `item_search`: the full-text index of items — title, text (its first 100,000 characters), the source's title
 *   and id, the vendors tagged (id and the text that matched). SQLite: an FTS5 table without a copy of the text
 *   (contentless, rows deletable), porter stemming; its rows are the items' ids, and a trigger drops a row with its
 *   item. PostgreSQL: a weighted `tsvector` per item with a GIN index, in the text search configuration
 *   `feedloom_search` (English stemming, no stop words, so that both databases match the same words).
 *   The store rewrites an item's row whenever it writes the item or its vendors; this migration indexes the items
 *   already stored.
 * - `ingest_passes`: one row per ingestion pass that fetched at least one source (the status page's chart).
 * - `site_state` row `story_merges`: how many times two stories were found to be one (a counter for /metrics that
 *   retention does not lower), started at the redirects stored so far.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (postgres) {
    await sql`create text search dictionary feedloom_stem (template = snowball, language = english)`.execute(db);
    await sql`create text search configuration feedloom_search (copy = english)`.execute(db);
    await sql`alter text search configuration feedloom_search
      alter mapping for asciiword, asciihword, hword_asciipart, word, hword, hword_part with feedloom_stem`.execute(db);
    await db.schema
      .createTable('item_search')
      .addColumn('item_id', 'bigint', (col) => col.primaryKey().references('items.id').onDelete('cascade'))
      .addColumn('document', sql`tsvector`, (col) => col.notNull())
      .execute();
    await sql`create index item_search_document_idx on item_search using gin (document)`.execute(db);
    await sql`insert into item_search (item_id, document)
      select i.id,
        setweight(to_tsvector('feedloom_search', i.title), 'A')
        || setweight(to_tsvector('feedloom_search', coalesce((select string_agg(replace(v.vendor_id, '-', ' ') || ' ' || v.matched, ' ') from item_vendors v where v.item_id = i.id), '')), 'A')
        || setweight(to_tsvector('feedloom_search', coalesce(s.title, '') || ' ' || s.id), 'B')
        || setweight(to_tsvector('feedloom_search', left(i.text, 100000)), 'D')
      from items i join sources s on s.id = i.source_id`.execute(db);
  } else {
    await sql`create virtual table item_search using fts5(title, body, source, vendors,
      content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2')`.execute(db);
    await sql`create trigger item_search_forget after delete on items begin delete from item_search where rowid = old.id; end`.execute(db);
    await sql`insert into item_search (rowid, title, body, source, vendors)
      select i.id, i.title, substr(i.text, 1, 100000), coalesce(s.title, '') || ' ' || s.id,
        coalesce((select group_concat(replace(v.vendor_id, '-', ' ') || ' ' || v.matched, ' ') from item_vendors v where v.item_id = i.id), '')
      from items i join sources s on s.id = i.source_id`.execute(db);
  }

  const id = autoId(db);
  await db.schema
    .createTable('ingest_passes')
    .addColumn('id', id.type, id.build)
    // The lease owner of the process that ran it (role@host:pid/…).
    .addColumn('owner', 'text', (col) => col.notNull())
    .addColumn('started_at', 'text', (col) => col.notNull())
    .addColumn('duration_ms', 'integer', (col) => col.notNull())
    .addColumn('sources', 'integer', (col) => col.notNull())
    .addColumn('failed', 'integer', (col) => col.notNull())
    .addColumn('items_new', 'integer', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('ingest_passes_started_idx').on('ingest_passes').column('started_at').execute();

  await sql`insert into site_state (name, version) select 'story_merges', count(*) from story_redirects`.execute(db);
}

/** Drop what `up` created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await sql`delete from site_state where name = 'story_merges'`.execute(db);
  await db.schema.dropTable('ingest_passes').execute();
  if (postgres) {
    await db.schema.dropTable('item_search').execute();
    await sql`drop text search configuration feedloom_search`.execute(db);
    await sql`drop text search dictionary feedloom_stem`.execute(db);
  } else {
    await sql`drop trigger item_search_forget`.execute(db);
    await sql`drop table item_search`.execute(db);
  }
}
