import type { Kysely } from 'kysely';
import type { VendorMention } from '../model/curated-feed.js';
import type { Database } from './database.js';
import { itemVendorsOf, replaceItemVendors } from './item-vendors.js';
import { indexItems } from './search-index.js';
import { bumpContentVersion } from './site-state.js';

/** What `retagItems` did. */
export interface RetagResult {
  items: number;
  changed: number;
  added: number;
  removed: number;
}

const BATCH = 500;

/**
 * Re-apply a vendor matcher to every stored item, in batches of one transaction each (keyset by id, so
 * memory stays flat): rows are rewritten only for items whose vendor set changed.
 */
export async function retagItems(
  db: Kysely<Database>,
  match: (input: { title: string; text: string }) => VendorMention[],
  onBatch?: (done: number) => void,
): Promise<RetagResult> {
  const result: RetagResult = { items: 0, changed: 0, added: 0, removed: 0 };
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('items').select(['id', 'title', 'text']).where('id', '>', after).orderBy('id').limit(BATCH).execute();
    if (rows.length === 0) break;
    after = Number(rows.at(-1)?.id ?? after);
    const before = await itemVendorsOf(db, rows.map((r) => Number(r.id)));
    const changes: { itemId: number; vendors: VendorMention[] }[] = [];
    for (const row of rows) {
      const mentions = match({ title: row.title, text: row.text });
      // A vendor and its role: a mention that becomes the subject is a change too.
      const stored = before.get(Number(row.id));
      const old = new Set([...(stored?.about ?? []).map((v) => `${v} about`), ...(stored?.mentions ?? []).filter((v) => !stored?.about.includes(v)).map((v) => `${v} mention`)]);
      const now = new Set(mentions.map((m) => `${m.vendorId} ${m.role}`));
      const added = [...now].filter((v) => !old.has(v)).length;
      const removed = [...old].filter((v) => !now.has(v)).length;
      if (added + removed === 0) continue;
      changes.push({ itemId: Number(row.id), vendors: mentions });
      result.added += added;
      result.removed += removed;
    }
    if (changes.length > 0) {
      await db.transaction().execute(async (trx) => {
        await replaceItemVendors(trx, changes);
        await indexItems(trx, changes.map((c) => c.itemId));
        await bumpContentVersion(trx);
      });
    }
    result.items += rows.length;
    result.changed += changes.length;
    onBatch?.(result.items);
  }
  return result;
}
