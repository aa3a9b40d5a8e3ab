import type { Kysely } from 'kysely';
import { FeedloomError } from '../model/errors.js';
import type { Database, TimeInput, Timestamp } from './database.js';
import { toTimestamp } from './database.js';
import { fromJsonArray, toJson } from './json-column.js';
import type { NewSourceRow, SourceRow } from './tables.js';
import { chunks } from './chunks.js';

/** A source as feeds.config.json defines it: what `syncSources` writes. */
export interface ConfiguredSource {
  id: string;
  url: string;
  title?: string;
  siteUrl?: string;
  tags: string[];
  enabled: boolean;
  priority: number;
}

/** A stored source: its configuration and its fetch state. */
export interface Source {
  id: string;
  url: string;
  title: string | null;
  siteUrl: string | null;
  tags: string[];
  enabled: boolean;
  priority: number;
  etag: string | null;
  lastModified: string | null;
  lastFetchAt: Timestamp | null;
  lastSuccessAt: Timestamp | null;
  lastStatus: number | null;
  lastErrorCode: string | null;
  lastError: string | null;
  /** Consecutive failures; 0 after a success. */
  errorCount: number;
  nextFetchAt: Timestamp | null;
  leaseOwner: string | null;
  leaseUntil: Timestamp | null;
  redirectUrl: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** What `syncSources` changed: ids new to the database, and ids disabled because they left the config. */
export interface SyncResult {
  added: string[];
  disabled: string[];
}

// Rows per upsert statement: 9 values each, far below either database's limit on bound values.
const UPSERT_BATCH = 500;

/** Turn a row into a Source. */
export function toSource(row: SourceRow): Source {
  return {
    id: row.id,
    url: row.url,
    title: row.title,
    siteUrl: row.site_url,
    tags: fromJsonArray<string>(row.tags),
    enabled: row.enabled === 1,
    priority: row.priority,
    etag: row.etag,
    lastModified: row.last_modified,
    lastFetchAt: row.last_fetch_at,
    lastSuccessAt: row.last_success_at,
    lastStatus: row.last_status,
    lastErrorCode: row.last_error_code,
    lastError: row.last_error,
    errorCount: row.error_count,
    nextFetchAt: row.next_fetch_at,
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until,
    redirectUrl: row.redirect_url,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Make the sources table match the config, in one transaction: insert new ids, update the
 * configured fields of known ones (keeping their fetch state; a changed URL drops the validators,
 * redirect and error streak of the old one and makes the source due), and disable ids no longer
 * configured. Never deletes a row, so the items of a removed source stay.
 */
export async function syncSources(
  db: Kysely<Database>,
  configured: readonly ConfiguredSource[],
  now: TimeInput = new Date(),
): Promise<SyncResult> {
  const ids = configured.map((source) => source.id);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate !== undefined) throw new FeedloomError('INTERNAL', `source id "${duplicate}" is configured twice`);
  const at = toTimestamp(now);
  const rows: NewSourceRow[] = configured.map((source) => ({
    id: source.id, url: source.url, title: source.title ?? null, site_url: source.siteUrl ?? null,
    tags: toJson(source.tags), enabled: source.enabled ? 1 : 0, priority: source.priority,
    created_at: at, updated_at: at,
  }));
  return db.transaction().execute(async (trx) => {
    const before = new Set((await trx.selectFrom('sources').select('id').execute()).map((row) => row.id));
    for (const batch of chunks(rows, UPSERT_BATCH)) {
      await trx
        .insertInto('sources')
        .values(batch)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => {
            const sameUrl = eb('sources.url', '=', eb.ref('excluded.url'));
            const keepIfSameUrl = <C extends 'etag' | 'last_modified' | 'redirect_url' | 'next_fetch_at'>(column: C) =>
              eb.case().when(sameUrl).then(eb.ref(`sources.${column}`)).else(null).end();
            return {
              url: eb.ref('excluded.url'), title: eb.ref('excluded.title'), site_url: eb.ref('excluded.site_url'),
              tags: eb.ref('excluded.tags'), enabled: eb.ref('excluded.enabled'), priority: eb.ref('excluded.priority'),
              etag: keepIfSameUrl('etag'), last_modified: keepIfSameUrl('last_modified'),
              redirect_url: keepIfSameUrl('redirect_url'), next_fetch_at: keepIfSameUrl('next_fetch_at'),
              error_count: eb.case().when(sameUrl).then(eb.ref('sources.error_count')).else(0).end(),
              updated_at: at,
            };
          }),
        )
        .execute();
    }
    let removal = trx.updateTable('sources').set({ enabled: 0, updated_at: at }).where('enabled', '=', 1);
    if (ids.length > 0) removal = removal.where('id', 'not in', ids);
    const disabled = await removal.returning('id').execute();
    return { added: ids.filter((id) => !before.has(id)), disabled: disabled.map((row) => row.id).sort() };
  });
}

/** Which sources `dueSources` returns: the named ones, all enabled ones, or (default) those due. */
export interface DueOptions {
  ids?: readonly string[];
  all?: boolean;
}

/**
 * Enabled sources to fetch now: those never fetched or whose next_fetch_at has come; with `all`,
 * every enabled source; with `ids`, those of them that are enabled. Highest priority first, then most overdue.
 */
export async function dueSources(db: Kysely<Database>, now: TimeInput, options: DueOptions = {}): Promise<Source[]> {
  let query = db.selectFrom('sources').selectAll().where('enabled', '=', 1);
  if (options.ids !== undefined && options.ids.length > 0) {
    query = query.where('id', 'in', [...options.ids]);
  } else if (options.all !== true) {
    const at = toTimestamp(now);
    query = query.where((eb) => eb.or([eb('next_fetch_at', 'is', null), eb('next_fetch_at', '<=', at)]));
  }
  const rows = await query
    .orderBy('priority', 'desc')
    .orderBy('next_fetch_at', (ob) => ob.asc().nullsFirst())
    .orderBy('id')
    .execute();
  return rows.map(toSource);
}

/** Every source, enabled or not, by id. */
export async function listSources(db: Kysely<Database>): Promise<Source[]> {
  const rows = await db.selectFrom('sources').selectAll().orderBy('id').execute();
  return rows.map(toSource);
}

/** One source by id, or undefined. */
export async function getSource(db: Kysely<Database>, id: string): Promise<Source | undefined> {
  const row = await db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toSource(row);
}

/** The stored sources with these ids (unknown ids are left out), by id. */
export async function getSources(db: Kysely<Database>, ids: Iterable<string>): Promise<Map<string, Source>> {
  const wanted = [...new Set(ids)];
  const found = new Map<string, Source>();
  for (const batch of chunks(wanted, UPSERT_BATCH)) {
    const rows = await db.selectFrom('sources').selectAll().where('id', 'in', batch).execute();
    for (const row of rows) found.set(row.id, toSource(row));
  }
  return found;
}
