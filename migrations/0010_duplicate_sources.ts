import type { Kysely } from 'kysely';

/**
 * A source whose feed permanently redirects onto the URL another source already has is a duplicate: it is
 * reported and no longer fetched while its configured URL stays the one that redirected.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The id of the source whose URL this one redirects onto, and the configured URL that did so: the source
  // is a duplicate while its url still equals duplicate_url (editing the url in the config clears it).
  await db.schema.alterTable('sources').addColumn('duplicate_of', 'text').execute();
  await db.schema.alterTable('sources').addColumn('duplicate_url', 'text').execute();
}

/** Drop what `up` added. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sources').dropColumn('duplicate_url').execute();
  await db.schema.alterTable('sources').dropColumn('duplicate_of').execute();
}
