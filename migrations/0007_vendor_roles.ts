import type { Kysely } from 'kysely';

/**
 * What a vendor is to an item: `about` (the item is about it: what curated feeds' `match.vendors` select) or
 * `mention` (named in passing: what `match.mentions`, search and `export`'s `mentions` see too). Every row stored
 * before was tagged by the *about* rule; `feedloom retag` adds the passing mentions of stored items.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('item_vendors').addColumn('role', 'text', (col) => col.notNull().defaultTo('about')).execute();
}

/** Drop what `up` added (passing mentions go with it). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.deleteFrom('item_vendors' as never).where('role' as never, '=', 'mention' as never).execute();
  await db.schema.alterTable('item_vendors').dropColumn('role').execute();
}
