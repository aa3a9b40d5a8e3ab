import type { Kysely, Transaction } from 'kysely';
import type { VendorMention } from '../model/curated-feed.js';
import type { Database } from './database.js';

/** Replace the vendor rows of the given items (each id with its mentions) inside `trx`. */
export async function replaceItemVendors(
  trx: Transaction<Database> | Kysely<Database>,
  entries: readonly { itemId: number; vendors: readonly VendorMention[] }[],
): Promise<void> {
  const ids = entries.map((e) => e.itemId);
  for (let start = 0; start < ids.length; start += 500) {
    await trx.deleteFrom('item_vendors').where('item_id', 'in', ids.slice(start, start + 500)).execute();
  }
  const rows = entries.flatMap((e) => e.vendors.map((v) => ({ item_id: e.itemId, vendor_id: v.vendorId, matched: v.matched, field: v.field })));
  for (let start = 0; start < rows.length; start += 500) {
    await trx.insertInto('item_vendors').values(rows.slice(start, start + 500)).execute();
  }
}

/** The vendor ids of each item, for the given item ids. */
export async function vendorsOfItems(db: Kysely<Database>, itemIds: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  for (let start = 0; start < itemIds.length; start += 500) {
    const rows = await db
      .selectFrom('item_vendors')
      .select(['item_id', 'vendor_id'])
      .where('item_id', 'in', itemIds.slice(start, start + 500))
      .orderBy('item_id')
      .orderBy('vendor_id')
      .execute();
    for (const row of rows) out.set(row.item_id, [...(out.get(row.item_id) ?? []), row.vendor_id]);
  }
  return out;
}
