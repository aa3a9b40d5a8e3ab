import type { Kysely } from 'kysely';
import type { Database, Timestamp } from './database.js';
import { itemVendorsOf } from './item-vendors.js';

/** One stored item as `feedloom export` prints it (field names as DESIGN.md lists them). */
export interface ExportedItem {
  id: number;
  source: string;
  guid: string;
  url: string | null;
  canonical_url: string | null;
  title: string;
  published: Timestamp | null;
  story: number | null;
  /** The vendors the item is about. */
  vendors: string[];
  /** Every vendor the item names, passing mentions included (`vendors` among them). */
  mentions: string[];
}

const DEFAULT_BATCH = 1_000;

/**
 * Every stored item, in id order, a batch at a time (keyset pagination: memory stays flat and no OFFSET
 * scan grows with the store). Yields one batch per step so a caller can write it out before reading on.
 */
export async function* exportItems(db: Kysely<Database>, options: { batchSize?: number } = {}): AsyncGenerator<ExportedItem[]> {
  const size = Math.max(1, options.batchSize ?? DEFAULT_BATCH);
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('items')
      .select(['id', 'source_id', 'guid', 'url', 'canonical_url', 'title', 'published_at', 'story_id'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(size)
      .execute();
    if (rows.length === 0) return;
    after = Number(rows.at(-1)?.id ?? after);
    const vendors = await itemVendorsOf(db, rows.map((r) => Number(r.id)));
    yield rows.map((row) => ({
      id: Number(row.id), source: row.source_id, guid: row.guid, url: row.url, canonical_url: row.canonical_url,
      title: row.title, published: row.published_at, story: row.story_id === null ? null : Number(row.story_id),
      vendors: vendors.get(Number(row.id))?.about ?? [],
      mentions: vendors.get(Number(row.id))?.mentions ?? [],
    }));
    if (rows.length < size) return;
  }
}
