import { PostgresAdapter, sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import { chunks } from './chunks.js';
import type { Database } from './database.js';

/** Longest prefix of an item's text that is indexed: PostgreSQL refuses a tsvector over 1 MB. */
export const INDEXED_TEXT_CHARS = 100_000;

/** Whether `db` is PostgreSQL (else SQLite). */
export function isPostgres(db: Kysely<Database> | Transaction<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * (Re)write the search rows of the given items from what is stored now: title, text, source title and id, and the
 * vendors tagged (their ids, and the text that matched). Called in the same transaction as the write of the items
 * or their vendors, so the index never lags the store. A row goes with its item (a foreign key on PostgreSQL, a
 * trigger on SQLite: see migration 0009).
 */
export async function indexItems(trx: Kysely<Database> | Transaction<Database>, itemIds: readonly number[]): Promise<void> {
  const postgres = isPostgres(trx);
  for (const batch of chunks([...itemIds], 500)) {
    const ids = sql.join(batch.map((id) => sql`${id}`));
    if (postgres) {
      await sql`insert into item_search (item_id, document)
        select i.id,
          setweight(to_tsvector('feedloom_search', i.title), 'A')
          || setweight(to_tsvector('feedloom_search', coalesce((select string_agg(replace(v.vendor_id, '-', ' ') || ' ' || v.matched, ' ') from item_vendors v where v.item_id = i.id), '')), 'A')
          || setweight(to_tsvector('feedloom_search', coalesce(s.title, '') || ' ' || s.id), 'B')
          || setweight(to_tsvector('feedloom_search', left(i.text, ${INDEXED_TEXT_CHARS})), 'D')
        from items i join sources s on s.id = i.source_id where i.id in (${ids})
        on conflict (item_id) do update set document = excluded.document`.execute(trx);
    } else {
      await sql`delete from item_search where rowid in (${ids})`.execute(trx);
      await sql`insert into item_search (rowid, title, body, source, vendors)
        select i.id, i.title, substr(i.text, 1, ${INDEXED_TEXT_CHARS}), coalesce(s.title, '') || ' ' || s.id,
          coalesce((select group_concat(replace(v.vendor_id, '-', ' ') || ' ' || v.matched, ' ') from item_vendors v where v.item_id = i.id), '')
        from items i join sources s on s.id = i.source_id where i.id in (${ids})`.execute(trx);
    }
  }
}
