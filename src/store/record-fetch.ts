import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { ErrorCode } from '../model/errors.js';
import type { StoryAssigner } from '../model/story-port.js';
import { FeedloomError } from '../model/errors.js';
import { describeError } from './describe-error.js';
import type { Database, TimeInput } from './database.js';
import { toTimestamp } from './database.js';
import type { ItemRecord } from './item-record.js';
import { writeItems } from './items.js';
import { bumpContentVersion } from './site-state.js';
import { lockStoryAssignment } from './stories.js';
import { scheduleColumns } from './source-schedule.js';
import type { SourceScheduleChanges } from './source-schedule.js';
import type { SourceUpdate } from './tables.js';

/** Everything one fetch attempt of one source produced: what `recordFetch` stores. */
export interface FetchOutcome {
  sourceId: string;
  startedAt: TimeInput;
  durationMs: number;
  /** The HTTP status of the final response, or null when there was none (DNS, refused, timeout...). */
  status: number | null;
  /** Bytes received on the wire; 0 when none. */
  bytes: number;
  /** The server answered 304 Not Modified. */
  notModified: boolean;
  /** Set when the attempt failed; a failed outcome carries no items and keeps the stored validators. */
  error?: { code: ErrorCode; message: string };
  /** Validators of this response. On a 304, an absent one keeps the stored value. */
  etag?: string | null;
  lastModified?: string | null;
  /** Where the source now lives when every redirect hop was permanent, else null. */
  permanentRedirect?: string | null;
  /** When to fetch this source next (the scheduler's decision), or null for "as soon as possible". */
  nextFetchAt: TimeInput | null;
  items: ItemRecord[];
  /**
   * The lease this worker holds on the source, if it claimed one: the write happens only while
   * `sources.lease_token` still equals it (else LEASE_LOST and nothing is written), and it releases the lease.
   */
  leaseToken?: string;
  /** Scheduling state this fetch changes (gone, moved, publishing rate, feed hints), written with it. */
  schedule?: SourceScheduleChanges;
  /** Story clustering, run inside the write (see WriteItemsOptions.stories). */
  stories?: StoryAssigner;
  /** Enriches a record (fingerprint, features, vendors) that is to be written without them: see `WriteItemsOptions`. */
  enrich?: (record: ItemRecord) => void;
}

/** What `recordFetch` stored. */
export interface RecordedFetch {
  itemsNew: number;
  itemsUpdated: number;
  newItemIds: number[];
  updatedItemIds: number[];
}

/** Error messages are stored for operators, not as logs: keep rows small. */
const MAX_ERROR_LENGTH = 2_000;

/**
 * Store one fetch attempt atomically: the items (new ones inserted, changed ones rewritten), the
 * `fetches` row with its counts, and the source's new state — validators, status, error streak,
 * next fetch — all in one transaction, so a crash keeps either the whole fetch or none of it.
 * Throws DATABASE (unknown source, constraint violation, connection lost) or LEASE_LOST.
 */
export async function recordFetch(db: Kysely<Database>, outcome: FetchOutcome): Promise<RecordedFetch> {
  checkOutcome(outcome);
  try {
    return await db.transaction().execute((trx) => writeFetch(trx, outcome));
  } catch (error) {
    throw asRecordError(outcome, error);
  }
}

/**
 * Store several fetch attempts in one transaction (group commit: one commit, and on SQLite one WAL append of the
 * pages they share, instead of one per fetch), each as `recordFetch` would, in order. Each fetch is written inside
 * a savepoint of its own: one that fails (DATABASE, LEASE_LOST) is rolled back alone, comes back as its error in
 * its place of the result, and the others are committed. Throws (nothing committed) when the transaction itself
 * fails — its commit, or a rollback to a savepoint (the connection is gone): the caller then writes each alone.
 */
export async function recordFetches(db: Kysely<Database>, outcomes: readonly FetchOutcome[]): Promise<(RecordedFetch | FeedloomError)[]> {
  return db.transaction().execute(async (trx) => {
    const out: (RecordedFetch | FeedloomError)[] = [];
    for (const outcome of outcomes) {
      try {
        checkOutcome(outcome);
      } catch (error) {
        out.push(asRecordError(outcome, error));
        continue;
      }
      await sql`savepoint fetch_write`.execute(trx);
      try {
        out.push(await writeFetch(trx, outcome));
      } catch (error) {
        await sql`rollback to savepoint fetch_write`.execute(trx);
        out.push(asRecordError(outcome, error));
      }
      await sql`release savepoint fetch_write`.execute(trx);
    }
    return out;
  });
}

function checkOutcome(outcome: FetchOutcome): void {
  if (outcome.error !== undefined && outcome.items.length > 0) {
    throw new FeedloomError('INTERNAL', `fetch of source ${outcome.sourceId}: a failed outcome cannot carry items`);
  }
}

function asRecordError(outcome: FetchOutcome, error: unknown): FeedloomError {
  if (error instanceof FeedloomError) return error;
  return new FeedloomError('DATABASE', `recording fetch of source ${outcome.sourceId}: ${describeError(error)}`, { cause: error });
}

/** One fetch attempt's writes inside `trx` (see `recordFetch`). */
async function writeFetch(trx: Transaction<Database>, outcome: FetchOutcome): Promise<RecordedFetch> {
  const startedAt = toTimestamp(outcome.startedAt);
  const nextFetchAt = outcome.nextFetchAt === null ? null : toTimestamp(outcome.nextFetchAt);
  await lockSource(trx, outcome);
  if (outcome.stories !== undefined && outcome.items.length > 0) await lockStoryAssignment(trx);
  const written = outcome.error === undefined
    ? await writeItems(trx, outcome.sourceId, outcome.items, startedAt, {
      ...(outcome.stories === undefined ? {} : { stories: outcome.stories }),
      ...(outcome.enrich === undefined ? {} : { enrich: outcome.enrich }),
    })
    : { seen: 0, newIds: [], updatedIds: [] };
  await trx
    .insertInto('fetches')
    .values({
      source_id: outcome.sourceId, started_at: startedAt, duration_ms: Math.round(outcome.durationMs),
      http_status: outcome.status, bytes: outcome.bytes, not_modified: outcome.notModified ? 1 : 0,
      items_seen: written.seen, items_new: written.newIds.length,
      items_updated: written.updatedIds.length, error_code: outcome.error?.code ?? null,
      error_message: outcome.error?.message.slice(0, MAX_ERROR_LENGTH) ?? null,
    })
    .execute();
  // The validators are written here, after the items, in the same transaction: never ahead of them.
  await trx
    .updateTable('sources')
    .set((eb) => ({
      ...sourceState(outcome, startedAt, nextFetchAt),
      ...scheduleColumns(outcome.schedule),
      error_count: outcome.error === undefined ? 0 : eb('error_count', '+', 1),
    }))
    .where('id', '=', outcome.sourceId)
    .execute();
  if (written.newIds.length + written.updatedIds.length > 0) await bumpContentVersion(trx);
  return {
    itemsNew: written.newIds.length, itemsUpdated: written.updatedIds.length,
    newItemIds: written.newIds, updatedItemIds: written.updatedIds,
  };
}

/**
 * The transaction's first statement: a write to the source row, which takes the row lock on
 * PostgreSQL (concurrent records of one source queue here rather than interleave), checks the
 * source exists, and checks the lease when one is held.
 */
async function lockSource(trx: Transaction<Database>, outcome: FetchOutcome): Promise<void> {
  let update = trx
    .updateTable('sources')
    .set({ updated_at: toTimestamp(new Date()) })
    .where('id', '=', outcome.sourceId);
  if (outcome.leaseToken !== undefined) update = update.where('lease_token', '=', outcome.leaseToken);
  const result = await update.executeTakeFirst();
  if (result.numUpdatedRows > 0n) return;
  const exists = await trx.selectFrom('sources').select('id').where('id', '=', outcome.sourceId).executeTakeFirst();
  if (exists === undefined) throw new FeedloomError('DATABASE', `unknown source ${outcome.sourceId}`);
  throw new FeedloomError('LEASE_LOST', `source ${outcome.sourceId}: lease lost to another worker; result discarded`);
}

/** The source columns a fetch attempt sets (error_count aside). */
function sourceState(outcome: FetchOutcome, startedAt: string, nextFetchAt: string | null): SourceUpdate {
  const released: SourceUpdate = outcome.leaseToken === undefined
    ? {}
    : { lease_owner: null, lease_token: null, lease_until: null };
  const attempt: SourceUpdate = { ...released, last_fetch_at: startedAt, last_status: outcome.status, next_fetch_at: nextFetchAt };
  if (outcome.error !== undefined) {
    return { ...attempt, last_error_code: outcome.error.code, last_error: outcome.error.message.slice(0, MAX_ERROR_LENGTH) };
  }
  const success: SourceUpdate = {
    ...attempt, last_success_at: startedAt, last_error_code: null, last_error: null,
    redirect_url: outcome.permanentRedirect ?? null,
  };
  // A 304 may omit validators it did not change; a 200 replaces them, absent meaning none.
  if (!outcome.notModified || outcome.etag != null) success.etag = outcome.etag ?? null;
  if (!outcome.notModified || outcome.lastModified != null) success.last_modified = outcome.lastModified ?? null;
  return success;
}
