import type { Kysely } from 'kysely';

/**
 * What purged `fetches` rows counted, so that /metrics counters never go down when retention deletes old
 * attempts (Prometheus would read a drop as a counter reset). One row per result and code, as /metrics groups them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('fetch_totals')
    // 'ok', 'not_modified' or 'error'.
    .addColumn('result', 'text', (col) => col.notNull())
    // The error code of failures, else the HTTP status; '' when there was none.
    .addColumn('code', 'text', (col) => col.notNull())
    .addColumn('count', 'bigint', (col) => col.notNull())
    .addColumn('items_seen', 'bigint', (col) => col.notNull())
    .addColumn('items_new', 'bigint', (col) => col.notNull())
    .addColumn('items_updated', 'bigint', (col) => col.notNull())
    .addPrimaryKeyConstraint('fetch_totals_pk', ['result', 'code'])
    .execute();
}

/** Drop what `up` created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('fetch_totals').execute();
}
