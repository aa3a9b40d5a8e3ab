import { randomUUID } from 'node:crypto';
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import { FeedloomError } from '../model/errors.js';
import type { Database, Timestamp } from './database.js';
import { toTimestamp } from './database.js';
import { describeError } from './describe-error.js';
import { scheduleStateOf } from './source-schedule.js';
import type { SourceScheduleState } from './source-schedule.js';
import type { SourceRow } from './tables.js';

/** Which sources a claim may take: those due (default), every enabled one, or the named ones. */
export type ClaimScope = { kind: 'due' } | { kind: 'all' } | { kind: 'ids'; ids: readonly string[] };

/** How to claim. */
export interface ClaimOptions {
  /** Who claims: host, process and a random part, so every process is distinct. */
  owner: string;
  leaseMs: number;
  /** Most sources to claim. */
  limit: number;
  /** Most sources of one host leased at once, over every worker of the database. */
  perHostLimit: number;
  scope: ClaimScope;
  /** Only sources not fetched since this instant: one pass fetches each source at most once. */
  fetchedBefore?: Date;
  /**
   * Sources this claimer is working on already: never claimed again, even when their lease has run out (the
   * claimer's event loop stalled past it) and not yet been renewed.
   */
  exceptIds?: readonly string[];
  now?: Date;
}

/** A source leased to this worker: what to fetch, its fetch state, and the token its write must show. */
export interface ClaimedSource extends SourceScheduleState {
  id: string;
  /** The configured URL. */
  url: string;
  etag: string | null;
  lastModified: string | null;
  errorCount: number;
  leaseToken: string;
  leaseUntil: Timestamp;
}

/** One lease held now. */
export interface HeldLease {
  sourceId: string;
  owner: string;
  until: Timestamp;
}

/** Any constant key: every feedloom claimer of one database takes the same advisory lock. */
const CLAIM_LOCK_KEY = 4_672_100;
/** Candidates read per source wanted: room to skip sources whose host is already at its limit. */
const CANDIDATES_PER_SLOT = 4;
const MIN_CANDIDATES = 32;

/** What fetch.perHostConcurrency counts by: a URL's host (with its port), lower-cased; the text itself if it is no URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}

/**
 * Lease up to `limit` claimable sources to `owner`: enabled, not gone nor a duplicate (unless named), not leased
 * (or whose lease has expired: a dead worker's sources are taken over), in scope, and not over the
 * per-host limit counting every live lease in the database. Highest priority first, then most overdue.
 * One transaction: PostgreSQL serialises claimers with a transaction advisory lock (so per-host counts
 * are exact) and skips rows other transactions hold (`FOR UPDATE SKIP LOCKED`); SQLite has one writer
 * (`BEGIN IMMEDIATE`). Every source of one claim shares one fresh token.
 */
export async function claimSources(db: Kysely<Database>, options: ClaimOptions): Promise<ClaimedSource[]> {
  if (options.limit <= 0) return [];
  const now = toTimestamp(options.now ?? new Date());
  const until = toTimestamp(new Date(Date.parse(now) + options.leaseMs));
  const token = randomUUID();
  try {
    return await db.transaction().execute(async (trx) => {
      const postgres = trx.getExecutor().adapter instanceof PostgresAdapter;
      if (postgres) await sql`select pg_advisory_xact_lock(${CLAIM_LOCK_KEY})`.execute(trx);
      const busy = await hostsInFlight(trx, now);
      const candidates = await claimCandidates(trx, options, now, postgres);
      const picked: SourceRow[] = [];
      for (const row of candidates) {
        if (picked.length >= options.limit) break;
        const host = hostOf(scheduleStateOf(row).fetchUrl);
        const held = busy.get(host) ?? 0;
        if (held >= options.perHostLimit) continue;
        busy.set(host, held + 1);
        picked.push(row);
      }
      if (picked.length === 0) return [];
      await trx
        .updateTable('sources')
        .set({ lease_owner: options.owner, lease_token: token, lease_until: until })
        .where('id', 'in', picked.map((row) => row.id))
        .execute();
      return picked.map((row) => ({
        ...scheduleStateOf(row), id: row.id, url: row.url, etag: row.etag, lastModified: row.last_modified,
        errorCount: row.error_count, leaseToken: token, leaseUntil: until,
      }));
    });
  } catch (error) {
    throw new FeedloomError('DATABASE', `claiming sources: ${describeError(error)}`, { cause: error });
  }
}

/** Live leases per host (of the URL each leased source is fetched from). */
async function hostsInFlight(trx: Transaction<Database>, now: Timestamp): Promise<Map<string, number>> {
  const rows = await trx.selectFrom('sources').selectAll().where('lease_until', '>', now).execute();
  const counts = new Map<string, number>();
  for (const row of rows) {
    const host = hostOf(scheduleStateOf(row).fetchUrl);
    counts.set(host, (counts.get(host) ?? 0) + 1);
  }
  return counts;
}

async function claimCandidates(trx: Transaction<Database>, options: ClaimOptions, now: Timestamp, postgres: boolean): Promise<SourceRow[]> {
  let query = trx
    .selectFrom('sources')
    .selectAll()
    .where('enabled', '=', 1)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]));
  const { scope } = options;
  if (scope.kind === 'ids') {
    if (scope.ids.length === 0) return [];
    query = query.where('id', 'in', [...scope.ids]);
  } else {
    query = query.where((eb) => eb.or([eb('gone_url', 'is', null), eb('gone_url', '!=', eb.ref('url'))]));
    query = query.where((eb) => eb.or([eb('duplicate_url', 'is', null), eb('duplicate_url', '!=', eb.ref('url'))]));
    if (scope.kind === 'due') query = query.where((eb) => eb.or([eb('next_fetch_at', 'is', null), eb('next_fetch_at', '<=', now)]));
  }
  if (options.exceptIds !== undefined && options.exceptIds.length > 0) query = query.where('id', 'not in', [...options.exceptIds]);
  if (options.fetchedBefore !== undefined) {
    const before = toTimestamp(options.fetchedBefore);
    query = query.where((eb) => eb.or([eb('last_fetch_at', 'is', null), eb('last_fetch_at', '<', before)]));
  }
  query = query
    .orderBy('priority', 'desc')
    .orderBy('next_fetch_at', (ob) => ob.asc().nullsFirst())
    .orderBy('id')
    .limit(Math.max(MIN_CANDIDATES, options.limit * CANDIDATES_PER_SLOT));
  if (postgres) query = query.forUpdate().skipLocked();
  return query.execute();
}

/** Which lease to renew: the source, and the token its claim was given. */
export interface LeaseRenewal {
  sourceId: string;
  leaseToken: string;
  leaseMs: number;
  now?: Date;
}

/**
 * Extend a lease this worker still holds to `leaseMs` from now: true when it did, false when the source's token
 * is no longer `leaseToken` (another worker claimed it after the lease ran out, or it was released). A lease that
 * ran out but that nobody claimed is still this worker's: the token decides, not the clock.
 */
export async function renewLease(db: Kysely<Database>, renewal: LeaseRenewal): Promise<boolean> {
  const until = toTimestamp(new Date((renewal.now ?? new Date()).getTime() + renewal.leaseMs));
  try {
    const result = await db
      .updateTable('sources')
      .set({ lease_until: until })
      .where('id', '=', renewal.sourceId)
      .where('lease_token', '=', renewal.leaseToken)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  } catch (error) {
    throw new FeedloomError('DATABASE', `renewing the lease on source ${renewal.sourceId}: ${describeError(error)}`, { cause: error });
  }
}

/** Release every lease `owner` still holds (shutdown, or after a pass that failed); returns how many. */
export async function releaseLeases(db: Kysely<Database>, owner: string): Promise<number> {
  const result = await db
    .updateTable('sources')
    .set({ lease_owner: null, lease_token: null, lease_until: null })
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Every lease recorded (live or expired), by source id. */
export async function heldLeases(db: Kysely<Database>): Promise<HeldLease[]> {
  const rows = await db
    .selectFrom('sources')
    .select(['id', 'lease_owner', 'lease_until'])
    .where('lease_owner', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ sourceId: row.id, owner: row.lease_owner ?? '', until: row.lease_until ?? '' }));
}
