import type { Kysely, Transaction } from 'kysely';
import type { VendorMention } from '../model/curated-feed.js';
import type { Database } from './database.js';
import { chunks } from './chunks.js';

/** The vendors of one item: those it is about, and every one it names (`about` included). */
export interface ItemVendors {
  about: string[];
  mentions: string[];
}

/** Replace the vendor rows of the given items (each id with every vendor it names, and the role of each) inside `trx`. */
export async function replaceItemVendors(
  trx: Transaction<Database> | Kysely<Database>,
  entries: readonly { itemId: number; vendors: readonly VendorMention[] }[],
): Promise<void> {
  const ids = entries.map((e) => e.itemId);
  for (const batch of chunks(ids, 500)) await trx.deleteFrom('item_vendors').where('item_id', 'in', batch).execute();
  const rows = entries.flatMap((e) => e.vendors.map((v) => ({ item_id: e.itemId, vendor_id: v.vendorId, matched: v.matched, field: v.field, role: v.role })));
  for (const batch of chunks(rows, 400)) await trx.insertInto('item_vendors').values(batch).execute();
}

/** The vendors of each of the given items, both roles, ids in order; items without any are absent. */
export async function itemVendorsOf(db: Kysely<Database> | Transaction<Database>, itemIds: readonly number[]): Promise<Map<number, ItemVendors>> {
  const out = new Map<number, ItemVendors>();
  for (const batch of chunks(itemIds, 500)) {
    const rows = await db
      .selectFrom('item_vendors')
      .select(['item_id', 'vendor_id', 'role'])
      .where('item_id', 'in', batch)
      .orderBy('item_id')
      .orderBy('vendor_id')
      .execute();
    for (const row of rows) {
      const id = Number(row.item_id);
      const entry = out.get(id) ?? { about: [], mentions: [] };
      out.set(id, entry);
      if (row.role === 'about') entry.about.push(row.vendor_id);
      entry.mentions.push(row.vendor_id);
    }
  }
  return out;
}

/** The vendor ids each of the given items is *about* (items about none are absent). */
export async function vendorsOfItems(db: Kysely<Database>, itemIds: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  for (const [id, vendors] of await itemVendorsOf(db, itemIds)) if (vendors.about.length > 0) out.set(id, vendors.about);
  return out;
}
