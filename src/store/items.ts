import type { Kysely, Transaction } from 'kysely';
import type { Enclosure, Person } from '../model/normalised-item.js';
import type { Database, Timestamp } from './database.js';
import { toOptionalTimestamp } from './database.js';
import type { ItemRecord } from './item-record.js';
import { replaceItemVendors } from './item-vendors.js';
import { indexItems } from './search-index.js';
import type { StoryAssigner, StoryInput } from '../model/story-port.js';
import { storyPort } from './story-port.js';
import { fromJsonArray, toJson } from './json-column.js';
import { withoutTombstoned } from './tombstones.js';
import type { ItemRow, ItemUpdate } from './tables.js';
import { chunks } from './chunks.js';

/**
 * An item as stored: the record that was written (its dates in stored form; features and vendors live in
 * their own tables), with its row id, source, sightings, story and sort instant.
 */
export interface StoredItem extends Omit<ItemRecord, 'publishedAt' | 'updatedAt' | 'fingerprint' | 'features' | 'vendors'> {
  id: number;
  sourceId: string;
  publishedAt: Timestamp | null;
  updatedAt: Timestamp | null;
  firstSeenAt: Timestamp;
  lastSeenAt: Timestamp;
  fingerprint: string | null;
  storyId: number | null;
  sortAt: Timestamp | null;
}

/** Turn a row into a StoredItem. */
export function toStoredItem(row: ItemRow): StoredItem {
  return {
    id: row.id,
    sourceId: row.source_id,
    guid: row.guid,
    guidKey: row.guid_key,
    url: row.url,
    canonicalUrl: row.canonical_url,
    title: row.title,
    summaryHtml: row.summary_html,
    contentHtml: row.content_html,
    text: row.text,
    authors: fromJsonArray<Person>(row.authors),
    categories: fromJsonArray<string>(row.categories),
    enclosures: fromJsonArray<Enclosure>(row.enclosures),
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    contentHash: row.content_hash,
    fingerprint: row.fingerprint,
    storyId: row.story_id,
    sortAt: row.sort_at,
  };
}

/** The instant an item is ordered by: its stated publication, unless that is later than when we first saw it. */
function sortAt(record: ItemRecord, firstSeenAt: Timestamp): Timestamp {
  const published = toOptionalTimestamp(record.publishedAt);
  return published !== null && published < firstSeenAt ? published : firstSeenAt;
}

// Rows per statement: ~20 bound values per item stays far below SQLite's 32,766 and PostgreSQL's 65,535.
const INSERT_BATCH = 200;
const LOOKUP_BATCH = 500;


/** The content columns of a record: what an insert writes and an update rewrites. */
function contentColumns(record: ItemRecord) {
  return {
    url: record.url, canonical_url: record.canonicalUrl, title: record.title,
    summary_html: record.summaryHtml, content_html: record.contentHtml, text: record.text,
    authors: toJson(record.authors), categories: toJson(record.categories), enclosures: toJson(record.enclosures),
    published_at: toOptionalTimestamp(record.publishedAt), updated_at: toOptionalTimestamp(record.updatedAt),
    content_hash: record.contentHash, fingerprint: record.fingerprint ?? null,
  } satisfies ItemUpdate;
}

/** Keep the first record of each guid key: a feed that lists an item twice still yields one row. */
function distinctByGuidKey(records: readonly ItemRecord[]): ItemRecord[] {
  const byKey = new Map<string, ItemRecord>();
  for (const record of records) {
    if (!byKey.has(record.guidKey)) byKey.set(record.guidKey, record);
  }
  return [...byKey.values()];
}

/** What `writeItems` did: how many distinct items it saw, the ids it inserted and the ids it rewrote. */
export interface WrittenItems {
  seen: number;
  newIds: number[];
  updatedIds: number[];
}

/** The story input of a written record. */
function storyInput(itemId: number, sourceId: string, record: ItemRecord, sortAt: Timestamp): StoryInput {
  return {
    itemId, sourceId, atMs: Date.parse(sortAt), canonicalUrl: record.canonicalUrl, url: record.url, title: record.title, text: record.text,
    ...(record.features ? { features: record.features } : {}),
  };
}

/** Without story clustering, every new item is a story of its own; a changed item's story is recounted (it changed). */
const ownStories: StoryAssigner = async (port, added, changed) => {
  const ids = await port.foundStories(added.map((item) => ({ itemId: item.itemId, atMs: item.atMs })));
  await port.setStories(ids);
  await port.recountStories([...(await port.storiesOf(changed.map((item) => item.itemId))).values()]);
};

/** The stored version (content hash, first seen) of each of these guid keys of a source that is stored, by guid key. */
export async function storedVersions(
  db: Kysely<Database> | Transaction<Database>,
  sourceId: string,
  guidKeys: readonly string[],
): Promise<Map<string, { content_hash: string; first_seen_at: Timestamp }>> {
  const out = new Map<string, { content_hash: string; first_seen_at: Timestamp }>();
  for (const batch of chunks(guidKeys, LOOKUP_BATCH)) {
    const rows = await db.selectFrom('items').select(['guid_key', 'content_hash', 'first_seen_at'])
      .where('source_id', '=', sourceId).where('guid_key', 'in', batch).execute();
    for (const row of rows) out.set(row.guid_key, row);
  }
  return out;
}

/** Options of `writeItems`. */
export interface WriteItemsOptions {
  /**
   * Story clustering (src/dedup's assigner), called inside the transaction with the new and the changed items;
   * without it every new item founds a story of its own and changed items stay where they are.
   */
  stories?: StoryAssigner;
  /**
   * Computes a record's fingerprint, features and vendors; called for each record about to be inserted or
   * rewritten that has no fingerprint yet (the caller enriches what it knows to be new or changed beforehand,
   * outside the transaction; this catches the rest). Without it such records are stored without a fingerprint.
   */
  enrich?: (record: ItemRecord) => void;
}

/**
 * Write one fetch's items inside `trx`: insert the new ones (the unique key decides, via ON CONFLICT
 * DO NOTHING), rewrite the known ones whose content hash changed, and mark every one as seen at `seenAt`.
 * New and changed items then go to story clustering (`options.stories`), in the same transaction.
 * Unchanged items cost one look-up: they are neither re-inserted nor enriched.
 */
export async function writeItems(
  trx: Transaction<Database>,
  sourceId: string,
  records: readonly ItemRecord[],
  seenAt: Timestamp,
  options: WriteItemsOptions = {},
): Promise<WrittenItems> {
  const enrich = (record: ItemRecord) => {
    if (record.fingerprint === undefined) options.enrich?.(record);
  };
  const newIds: number[] = [];
  const updatedIds: number[] = [];
  const inserted = new Set<string>();
  const listed = distinctByGuidKey(records);
  // A purged item's tombstone keeps it out even while its feed still lists it.
  const distinct = await withoutTombstoned(trx, sourceId, listed);
  const stored = await storedVersions(trx, sourceId, distinct.map((record) => record.guidKey));
  const vendorRows: { itemId: number; vendors: NonNullable<ItemRecord['vendors']> }[] = [];
  const added: StoryInput[] = [];
  const changedInputs: StoryInput[] = [];
  for (const batch of chunks(distinct.filter((record) => !stored.has(record.guidKey)), INSERT_BATCH)) {
    batch.forEach(enrich);
    const byKey = new Map(batch.map((record) => [record.guidKey, record]));
    const rows = await trx
      .insertInto('items')
      .values(batch.map((record) => ({
        ...contentColumns(record), source_id: sourceId, guid: record.guid, guid_key: record.guidKey,
        first_seen_at: seenAt, last_seen_at: seenAt, sort_at: sortAt(record, seenAt),
      })))
      .onConflict((oc) => oc.columns(['source_id', 'guid_key']).doNothing())
      .returning(['id', 'guid_key', 'sort_at'])
      .execute();
    for (const row of rows) {
      inserted.add(row.guid_key);
      newIds.push(row.id);
      const record = byKey.get(row.guid_key);
      if (record !== undefined) added.push(storyInput(row.id, sourceId, record, row.sort_at ?? seenAt));
      const vendors = record?.vendors ?? [];
      if (vendors.length > 0) vendorRows.push({ itemId: row.id, vendors });
    }
  }
  const known = distinct.filter((record) => !inserted.has(record.guidKey));
  // Another writer may have inserted an item since the look-up (its insert here then did nothing): look again.
  const raced = known.filter((record) => !stored.has(record.guidKey));
  if (raced.length > 0) for (const [key, row] of await storedVersions(trx, sourceId, raced.map((record) => record.guidKey))) stored.set(key, row);
  const changed = known.filter((record) => {
    const hash = stored.get(record.guidKey)?.content_hash;
    return hash !== undefined && hash !== record.contentHash;
  });
  for (const record of changed) {
    enrich(record);
    const newSortAt = sortAt(record, stored.get(record.guidKey)?.first_seen_at ?? seenAt);
    // The hash condition is re-checked so that a concurrent writer's identical update is not counted twice.
    const row = await trx
      .updateTable('items')
      .set({ ...contentColumns(record), last_seen_at: seenAt, sort_at: newSortAt })
      .where('source_id', '=', sourceId)
      .where('guid_key', '=', record.guidKey)
      .where('content_hash', '!=', record.contentHash)
      .returning('id')
      .executeTakeFirst();
    if (row !== undefined) {
      updatedIds.push(row.id);
      changedInputs.push(storyInput(row.id, sourceId, record, newSortAt));
      vendorRows.push({ itemId: row.id, vendors: record.vendors ?? [] });
    }
  }
  const changedKeys = new Set(changed.map((record) => record.guidKey));
  const unchanged = known.map((record) => record.guidKey).filter((key) => !changedKeys.has(key));
  for (const batch of chunks(unchanged, LOOKUP_BATCH)) {
    await trx
      .updateTable('items')
      .set({ last_seen_at: seenAt })
      .where('source_id', '=', sourceId)
      .where('guid_key', 'in', batch)
      .execute();
  }
  await replaceItemVendors(trx, vendorRows);
  await indexItems(trx, [...newIds, ...updatedIds]);
  if (added.length + changedInputs.length > 0) await (options.stories ?? ownStories)(storyPort(trx, { now: seenAt }), added, changedInputs);
  return { seen: listed.length, newIds, updatedIds };
}

/** How many items are stored, for one source or all. */
export async function countItems(db: Kysely<Database>, options: { sourceId?: string } = {}): Promise<number> {
  let query = db.selectFrom('items').select((eb) => eb.fn.countAll().as('count'));
  if (options.sourceId !== undefined) query = query.where('source_id', '=', options.sourceId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The newest items (by published date, undated last), for one source or all. */
export async function listItems(
  db: Kysely<Database>,
  options: { limit: number; sourceId?: string },
): Promise<StoredItem[]> {
  let query = db.selectFrom('items').selectAll();
  if (options.sourceId !== undefined) query = query.where('source_id', '=', options.sourceId);
  const rows = await query
    .orderBy('published_at', (ob) => ob.desc().nullsLast())
    .orderBy('id', 'desc')
    .limit(options.limit)
    .execute();
  return rows.map(toStoredItem);
}
