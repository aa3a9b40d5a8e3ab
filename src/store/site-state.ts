import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database.js';

/** Bump the content version: stored items changed, rendered feeds and pages are stale. */
export async function bumpContentVersion(trx: Transaction<Database> | Kysely<Database>): Promise<void> {
  await trx.updateTable('site_state').set((eb) => ({ version: eb('version', '+', 1) })).where('name', '=', 'content').execute();
}

/** The current content version: a cheap single-row read that readers poll to know when to re-render. */
export async function contentVersion(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('site_state').select('version').where('name', '=', 'content').executeTakeFirst();
  return Number(row?.version ?? 0);
}
