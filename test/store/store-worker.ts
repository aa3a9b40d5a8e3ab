// Runs in a worker thread (see run-workers.ts): its own connection, as another process would have.
import { parentPort, workerData } from 'node:worker_threads';
import { DEFAULT_DEDUP_WINDOW_MS, storyAssigner } from '../../src/dedup/index.js';
import { createDatabase, migrateToLatest, recordFetch } from '../../src/store/index.js';
import type { FetchOutcome, RecordedFetch } from '../../src/store/index.js';

/** What the test asks a worker to do once the gate opens. */
export interface StoreJob {
  url: string;
  /** Int32Array over a SharedArrayBuffer; the worker waits while slot 0 is 0. */
  gate: Int32Array;
  migrate: boolean;
  /** Outcomes as plain data (a story assigner cannot cross threads): `stories` set adds story clustering to each. */
  outcomes: FetchOutcome[];
  stories: boolean;
}

/** What a worker reports. */
export type StoreJobReport =
  | { type: 'ready' }
  | { type: 'done'; migrated: number; results: RecordedFetch[] }
  | { type: 'failed'; message: string };

const job = workerData as StoreJob;
const port = parentPort;
if (port === null) throw new Error('store-worker.ts runs only as a worker thread');
const report = (message: StoreJobReport): void => port.postMessage(message);

const handle = await createDatabase(job.url);
try {
  report({ type: 'ready' });
  Atomics.wait(job.gate, 0, 0);
  const migrated = job.migrate ? (await migrateToLatest(handle.db)).length : 0;
  const results: RecordedFetch[] = [];
  const stories = job.stories ? { stories: storyAssigner({ windowMs: DEFAULT_DEDUP_WINDOW_MS }) } : {};
  for (const outcome of job.outcomes) results.push(await recordFetch(handle.db, { ...outcome, ...stories }));
  report({ type: 'done', migrated, results });
} catch (error) {
  report({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
} finally {
  await handle.close();
}
