import type { Kysely } from 'kysely';
import type { Database, Timestamp } from './database.js';
import { toStoredItem } from './items.js';
import type { StoredItem } from './items.js';
import { itemVendorsOf } from './item-vendors.js';
import { chunks } from './chunks.js';

/** A stored item with the vendor ids it is about, and every vendor id it names. */
export interface TaggedItem extends StoredItem {
  vendorIds: string[];
  mentionIds: string[];
}

/** Where a page of `recentItems` continues from (keyset pagination: no OFFSET scans). */
export interface ItemCursor {
  sortAt: Timestamp;
  id: number;
}

/** Filters that the database can apply before the curator's own rules. */
export interface RecentItemsQuery {
  limit: number;
  after?: ItemCursor;
  /** Only items of these sources (undefined: any). */
  sourceIds?: readonly string[];
  /** Only items about at least one of these vendors (undefined: any). */
  vendorIds?: readonly string[];
  /** Only items naming at least one of these vendors, in passing or not (undefined: any). */
  mentionIds?: readonly string[];
  /** Only items ordered at or after this instant. */
  since?: Timestamp;
}

/** What curation matches an item on: no HTML bodies, which it never reads. */
export interface MatchableRow {
  id: number;
  storyId: number | null;
  sourceId: string;
  title: string;
  text: string;
  sortAt: Timestamp | null;
  vendorIds: string[];
  mentionIds: string[];
}

/** Items newest first (by sort_at, then id), with their vendor ids: the columns rules look at, no HTML. */
export async function recentItems(db: Kysely<Database>, query: RecentItemsQuery): Promise<MatchableRow[]> {
  let q = db.selectFrom('items')
    .select(['items.id', 'items.story_id', 'items.source_id', 'items.title', 'items.text', 'items.sort_at'])
    .where('items.sort_at', 'is not', null);
  if (query.sourceIds !== undefined) {
    if (query.sourceIds.length === 0) return [];
    q = q.where('items.source_id', 'in', [...query.sourceIds]);
  }
  if (query.vendorIds !== undefined) {
    if (query.vendorIds.length === 0) return [];
    const vendorIds = [...query.vendorIds];
    q = q.where((eb) => eb.exists(eb.selectFrom('item_vendors').select('item_vendors.item_id')
      .whereRef('item_vendors.item_id', '=', 'items.id').where('item_vendors.vendor_id', 'in', vendorIds).where('item_vendors.role', '=', 'about')));
  }
  if (query.mentionIds !== undefined) {
    if (query.mentionIds.length === 0) return [];
    const mentionIds = [...query.mentionIds];
    q = q.where((eb) => eb.exists(eb.selectFrom('item_vendors').select('item_vendors.item_id')
      .whereRef('item_vendors.item_id', '=', 'items.id').where('item_vendors.vendor_id', 'in', mentionIds)));
  }
  if (query.since !== undefined) q = q.where('items.sort_at', '>=', query.since);
  const after = query.after;
  if (after !== undefined) {
    q = q.where((eb) => eb.or([
      eb('items.sort_at', '<', after.sortAt),
      eb.and([eb('items.sort_at', '=', after.sortAt), eb('items.id', '<', after.id)]),
    ]));
  }
  const rows = await q.orderBy('items.sort_at', 'desc').orderBy('items.id', 'desc').limit(query.limit).execute();
  const vendors = await itemVendorsOf(db, rows.map((r) => Number(r.id)));
  return rows.map((r) => ({
    id: Number(r.id), storyId: r.story_id === null ? null : Number(r.story_id), sourceId: r.source_id, title: r.title, text: r.text,
    sortAt: r.sort_at, vendorIds: vendors.get(Number(r.id))?.about ?? [], mentionIds: vendors.get(Number(r.id))?.mentions ?? [],
  }));
}

async function withVendors(db: Kysely<Database>, items: StoredItem[]): Promise<TaggedItem[]> {
  const vendors = await itemVendorsOf(db, items.map((i) => i.id));
  return items.map((item) => ({ ...item, vendorIds: vendors.get(item.id)?.about ?? [], mentionIds: vendors.get(item.id)?.mentions ?? [] }));
}

/** A story with every item in it (oldest first). */
export interface StoryWithItems {
  id: number;
  publishedAt: Timestamp;
  updatedAt: Timestamp;
  items: TaggedItem[];
}

/** The given stories with their items, in the order of `storyIds`; unknown ids are left out. */
export async function storiesWithItems(db: Kysely<Database>, storyIds: readonly number[]): Promise<StoryWithItems[]> {
  if (storyIds.length === 0) return [];
  const stories = new Map<number, StoryWithItems>();
  for (const ids of chunks(storyIds, 500)) {
    const rows = await db.selectFrom('stories').selectAll().where('id', 'in', ids).execute();
    for (const row of rows) {
      stories.set(Number(row.id), { id: Number(row.id), publishedAt: row.published_at, updatedAt: row.updated_at, items: [] });
    }
    const items = await db.selectFrom('items').selectAll().where('story_id', 'in', ids)
      .orderBy('sort_at', 'asc').orderBy('id', 'asc').execute();
    for (const item of await withVendors(db, items.map(toStoredItem))) {
      if (item.storyId !== null) stories.get(item.storyId)?.items.push(item);
    }
  }
  return storyIds.flatMap((id) => {
    const story = stories.get(id);
    return story && story.items.length > 0 ? [story] : [];
  });
}

/** How many stories each month has (by the story's publication instant), newest month first. */
export async function archiveMonths(db: Kysely<Database>): Promise<{ year: number; month: number; count: number }[]> {
  const rows = await db
    .selectFrom('stories')
    .select((eb) => [eb.fn<string>('substr', ['published_at', eb.val(1), eb.val(7)]).as('ym'), eb.fn.countAll<number>().as('count')])
    .groupBy('ym')
    .orderBy('ym', 'desc')
    .execute();
  return rows.map((row) => ({ year: Number(row.ym.slice(0, 4)), month: Number(row.ym.slice(5, 7)), count: Number(row.count) }));
}

/** One page of the stories published in [from, to), newest first, and how many there are in all. */
export async function storiesBetween(
  db: Kysely<Database>,
  range: { from: Timestamp; to: Timestamp; limit: number; offset: number },
): Promise<{ ids: number[]; total: number }> {
  const base = db.selectFrom('stories').where('published_at', '>=', range.from).where('published_at', '<', range.to);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  const rows = await base.select('id').orderBy('published_at', 'desc').orderBy('id', 'desc')
    .limit(range.limit).offset(range.offset).execute();
  return { ids: rows.map((r) => Number(r.id)), total: Number(total.count) };
}

/** Items per source ordered at or after `since` (for "items in the last 7 days"). */
export async function itemCountsSince(db: Kysely<Database>, since: Timestamp): Promise<Map<string, number>> {
  const rows = await db.selectFrom('items').select((eb) => ['source_id', eb.fn.countAll<number>().as('count')])
    .where('sort_at', '>=', since).groupBy('source_id').execute();
  return new Map(rows.map((r) => [r.source_id, Number(r.count)]));
}
