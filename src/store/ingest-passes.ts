import type { Kysely } from 'kysely';
import type { Database, TimeInput, Timestamp } from './database.js';
import { toTimestamp } from './database.js';

/** One ingestion pass as stored: who ran it, when, how long, how many sources, how many failed, items new. */
export interface IngestPass {
  owner: string;
  startedAt: Timestamp;
  durationMs: number;
  sources: number;
  failed: number;
  itemsNew: number;
}

/** Store a pass (the status page charts them); passes that fetched nothing are not worth a row. */
export async function recordPass(db: Kysely<Database>, pass: Omit<IngestPass, 'startedAt'> & { startedAt: TimeInput }): Promise<void> {
  if (pass.sources === 0) return;
  await db.insertInto('ingest_passes').values({
    owner: pass.owner, started_at: toTimestamp(pass.startedAt), duration_ms: Math.max(0, Math.round(pass.durationMs)),
    sources: pass.sources, failed: pass.failed, items_new: pass.itemsNew,
  }).execute();
}

/** The passes started at or after `since`, oldest first (at most `limit`, the newest kept). */
export async function passesSince(db: Kysely<Database>, since: TimeInput, limit = 500): Promise<IngestPass[]> {
  const rows = await db.selectFrom('ingest_passes').selectAll().where('started_at', '>=', toTimestamp(since))
    .orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.reverse().map((r) => ({
    owner: r.owner, startedAt: r.started_at, durationMs: Number(r.duration_ms), sources: Number(r.sources), failed: Number(r.failed), itemsNew: Number(r.items_new),
  }));
}
