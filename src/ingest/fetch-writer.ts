import type { Kysely } from 'kysely';
import { recordFetch, recordFetches } from '../store/index.js';
import type { Database, FetchOutcome, RecordedFetch } from '../store/index.js';

/** Stores one fetch attempt (see `recordFetch`): what `ingestSource` calls once its source is fetched and read. */
export type FetchRecorder = (outcome: FetchOutcome) => Promise<RecordedFetch>;

/** Fetches written in one transaction at most. */
export const MAX_GROUP = 16;

/**
 * Group commit for a pass: fetches that finish while the database is busy writing earlier ones are written together,
 * in one transaction (`recordFetches`: a savepoint per fetch, so one that fails is rolled back alone and reported as
 * its own error), as soon as the previous write is done. No fetch waits for company: when the writer is idle, a
 * fetch is written on the next turn of the event loop with whatever else has come by then. Each caller's promise
 * settles when its fetch is committed (or failed), so what a caller reports is stored. Should the group's
 * transaction itself fail, each fetch of it is written again alone (`recordFetch`), and fails or not on its own.
 * Over one database connection (SQLite) this costs nothing in concurrency: the writes queued there anyway.
 */
export function groupedRecorder(db: Kysely<Database>, options: { maxGroup?: number } = {}): FetchRecorder {
  const maxGroup = Math.max(1, options.maxGroup ?? MAX_GROUP);
  const queue: { outcome: FetchOutcome; resolve: (r: RecordedFetch) => void; reject: (e: unknown) => void }[] = [];
  let writing = false;
  const flush = async (): Promise<void> => {
    writing = true;
    try {
      while (queue.length > 0) {
        const group = queue.splice(0, maxGroup);
        let results: Awaited<ReturnType<typeof recordFetches>> | undefined;
        try {
          results = group.length === 1 ? undefined : await recordFetches(db, group.map((g) => g.outcome));
        } catch {
          results = undefined;
        }
        if (results === undefined) {
          // One fetch, or a group whose transaction failed as a whole: each alone, exactly as `recordFetch` does.
          for (const entry of group) await recordFetch(db, entry.outcome).then(entry.resolve, entry.reject);
          continue;
        }
        group.forEach((entry, i) => {
          const result = results[i];
          if (result === undefined || result instanceof Error) entry.reject(result);
          else entry.resolve(result);
        });
      }
    } finally {
      writing = false;
    }
  };
  return (outcome) => new Promise<RecordedFetch>((resolve, reject) => {
    queue.push({ outcome, resolve, reject });
    if (!writing) {
      writing = true;
      setImmediate(() => void flush());
    }
  });
}
