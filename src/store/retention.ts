import type { Kysely, Transaction } from 'kysely';
import { FeedloomError } from '../model/errors.js';
import type { Database, TimeInput, Timestamp } from './database.js';
import { toTimestamp } from './database.js';
import { describeError } from './describe-error.js';
import { fetchResultOf } from './metrics-reads.js';
import type { FetchEnding } from './metrics-reads.js';
import { bumpContentVersion } from './site-state.js';
import { lockStories, recountStories } from './stories.js';
import { addTombstones } from './tombstones.js';

/** What `purgeItems` removed. */
export interface PurgeResult {
  items: number;
  /** Stories left without any item, deleted. */
  stories: number;
  /** Fetch-attempt rows older than the cutoff, deleted (the `fetches` log would otherwise grow forever). */
  fetches?: number;
}

/** Items per batch transaction: short transactions, so ingestion is never held up for long. */
const DEFAULT_BATCH = 500;

/**
 * Purge items first seen before `before`, in batches of one transaction each. Age counts from when
 * feedloom stored an item, not from the date its feed gives: a newly added feed's archive is kept for the
 * whole retention period rather than stored and deleted in the same run. Each batch leaves a tombstone per item (source + guid key), deletes
 * the items' vendor tags and the items, then deletes stories left empty and recounts the others
 * (items, sources, earliest instant), and bumps the content version. Fetch-attempt rows and ingest passes started
 * before the cutoff go too. Safe to run from several workers at once: a tombstone is written once and a deleted
 * row is deleted once.
 */
export async function purgeItems(
  db: Kysely<Database>,
  options: { before: TimeInput; batchSize?: number; now?: TimeInput },
): Promise<PurgeResult> {
  const cutoff = toTimestamp(options.before);
  const purgedAt = toTimestamp(options.now ?? new Date());
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH);
  const total: PurgeResult = { items: 0, stories: 0 };
  try {
    for (;;) {
      const batch = await db.transaction().execute((trx) => purgeBatch(trx, cutoff, purgedAt, batchSize));
      total.items += batch.items;
      total.stories += batch.stories;
      if (batch.items < batchSize) break;
    }
    total.fetches = await purgeFetches(db, cutoff, batchSize);
    await db.deleteFrom('ingest_passes').where('started_at', '<', cutoff).execute();
    return total;
  } catch (error) {
    throw new FeedloomError('DATABASE', `purging items before ${cutoff}: ${describeError(error)}`, { cause: error });
  }
}

/**
 * Delete fetch rows started before `cutoff`, in batches by id, adding what each batch counted to `fetch_totals`
 * in the same transaction (so /metrics counters never go down). The totals are summed from the rows the delete
 * returned, so two processes purging at once count each row once.
 */
async function purgeFetches(db: Kysely<Database>, cutoff: string, batchSize: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    const ids = (await db.selectFrom('fetches').select('id').where('started_at', '<', cutoff).orderBy('id').limit(batchSize).execute()).map((r) => Number(r.id));
    if (ids.length === 0) return deleted;
    deleted += await db.transaction().execute(async (trx) => {
      const rows = await trx.deleteFrom('fetches').where('id', 'in', ids)
        .returning(['not_modified', 'error_code', 'http_status', 'items_seen', 'items_new', 'items_updated'])
        .execute();
      await addFetchTotals(trx, rows);
      return rows.length;
    });
    if (ids.length < batchSize) return deleted;
  }
}

/** Add deleted `fetches` rows to `fetch_totals`, one upsert per result and code. */
async function addFetchTotals(trx: Transaction<Database>, rows: readonly (FetchEnding & { items_seen: number; items_new: number; items_updated: number })[]): Promise<void> {
  const sums = new Map<string, { result: string; code: string; count: number; items_seen: number; items_new: number; items_updated: number }>();
  for (const row of rows) {
    const { result, code } = fetchResultOf(row);
    const key = `${result} ${code}`;
    const sum = sums.get(key) ?? { result, code, count: 0, items_seen: 0, items_new: 0, items_updated: 0 };
    sum.count += 1;
    sum.items_seen += Number(row.items_seen);
    sum.items_new += Number(row.items_new);
    sum.items_updated += Number(row.items_updated);
    sums.set(key, sum);
  }
  for (const sum of sums.values()) {
    await trx.insertInto('fetch_totals').values(sum)
      .onConflict((oc) => oc.columns(['result', 'code']).doUpdateSet((eb) => ({
        count: eb('fetch_totals.count', '+', eb.ref('excluded.count')),
        items_seen: eb('fetch_totals.items_seen', '+', eb.ref('excluded.items_seen')),
        items_new: eb('fetch_totals.items_new', '+', eb.ref('excluded.items_new')),
        items_updated: eb('fetch_totals.items_updated', '+', eb.ref('excluded.items_updated')),
      })))
      .execute();
  }
}

/** The instant before which items are purged when keeping `days` days; undefined when 0 keeps everything. */
export function retentionCutoff(days: number, now: Date = new Date()): Date | undefined {
  return days > 0 ? new Date(now.getTime() - days * 86_400_000) : undefined;
}

async function purgeBatch(trx: Transaction<Database>, cutoff: string, purgedAt: string, size: number): Promise<PurgeResult> {
  const rows = await trx
    .selectFrom('items')
    .select(['id', 'source_id', 'guid_key', 'story_id'])
    .where('first_seen_at', '<', cutoff)
    .orderBy('id')
    .limit(size)
    .execute();
  if (rows.length === 0) return { items: 0, stories: 0 };
  const ids = rows.map((row) => Number(row.id));
  await addTombstones(trx, rows.map((row) => ({ sourceId: row.source_id, guidKey: row.guid_key })), purgedAt);
  await trx.deleteFrom('item_vendors').where('item_id', 'in', ids).execute();
  const deleted = await trx.deleteFrom('items').where('id', 'in', ids).executeTakeFirst();
  const storyIds = [...new Set(rows.flatMap((row) => (row.story_id === null ? [] : [Number(row.story_id)])))];
  const emptied = storyIds.length === 0 ? 0 : await cleanStories(trx, storyIds, purgedAt);
  await bumpContentVersion(trx);
  return { items: Number(deleted.numDeletedRows), stories: emptied };
}

/**
 * Delete the given stories that have no item left and recount the rest, under the same story locks as
 * story assignment (so a purge next to an ingest cannot write stale counts). Returns how many were deleted.
 */
async function cleanStories(trx: Transaction<Database>, storyIds: number[], now: Timestamp): Promise<number> {
  await lockStories(trx, storyIds);
  const deleted = await trx
    .deleteFrom('stories')
    .where('id', 'in', storyIds)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('items').select('items.id').whereRef('items.story_id', '=', 'stories.id'))))
    .executeTakeFirst();
  await recountStories(trx, storyIds, now);
  // A story merged into one that is now gone has nowhere to redirect to.
  await trx.deleteFrom('story_redirects').where('to_id', 'in', storyIds)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('stories').select('stories.id').whereRef('stories.id', '=', 'story_redirects.to_id'))))
    .execute();
  return Number(deleted.numDeletedRows);
}
