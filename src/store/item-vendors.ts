import type { Kysely, Transaction } from 'kysely';
import type { VendorMention } from '../model/curated-feed.js';
import type { Database } from './database.js';
import { chunks } from './chunks.js';

/** Replace the vendor rows of the given items (each id with its mentions) inside `trx`. */
export async function replaceItemVendors(
  trx: Transaction<Database> | Kysely<Database>,
  entries: readonly { itemId: number; vendors: readonly VendorMention[] }[],
): Promise<void> {
  const ids = entries.map((e) => e.itemId);
  for (const batch of chunks(ids, 500)) await trx.deleteFrom('item_vendors').where('item_id', 'in', batch).execute();
  const rows = entries.flatMap((e) => e.vendors.map((v) => ({ item_id: e.itemId, vendor_id: v.vendorId, matched: v.matched, field: v.field })));
  for (const batch of chunks(rows, 500)) await trx.insertInto('item_vendors').values(batch).execute();
}

/** The vendor ids of each item, for the given item ids. */
export async function vendorsOfItems(db: Kysely<Database>, itemIds: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  for (const batch of chunks(itemIds, 500)) {
    const rows = await db
      .selectFrom('item_vendors')
      .select(['item_id', 'vendor_id'])
      .where('item_id', 'in', batch)
      .orderBy('item_id')
      .orderBy('vendor_id')
      .execute();
    for (const row of rows) out.set(row.item_id, [...(out.get(row.item_id) ?? []), row.vendor_id]);
  }
  return out;
}
