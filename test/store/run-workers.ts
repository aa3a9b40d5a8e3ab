import { Worker } from 'node:worker_threads';
import type { FetchOutcome, RecordedFetch } from '../../src/store/index.js';
import type { StoreJob, StoreJobReport } from './store-worker.js';

const ENTRY = new URL('./store-worker.ts', import.meta.url).href;
// Node 20 ignores `--import` in a worker's execArgv, so the worker registers tsx itself before loading
// the TypeScript entry. An eval'd worker resolves bare specifiers from the working directory (the repo root).
const BOOTSTRAP = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(ENTRY)}); })`;

/** What one worker did: its results, or the error it hit. */
export type WorkerResult = { ok: true; migrated: number; results: RecordedFetch[] } | { ok: false; message: string };

/**
 * Run one store job per entry of `jobs` in worker threads, each on its own connection to `url`,
 * released at the same instant once all are connected; resolves when every one has finished.
 */
export async function runConcurrently(
  url: string,
  jobs: { migrate?: boolean; outcomes?: FetchOutcome[]; stories?: boolean }[],
): Promise<WorkerResult[]> {
  const gate = new Int32Array(new SharedArrayBuffer(4));
  let ready = 0;
  let release: () => void = () => undefined;
  const allReady = new Promise<void>((resolve) => (release = resolve));
  const finished = jobs.map((job) => {
    // Functions cannot cross into a worker: the outcomes go without their story assigner, and `stories` says to add one.
    const outcomes = (job.outcomes ?? []).map(({ stories: _stories, ...plain }) => plain);
    const data: StoreJob = { url, gate, migrate: job.migrate ?? false, outcomes, stories: job.stories ?? (job.outcomes ?? []).some((o) => o.stories !== undefined) };
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: data });
    return new Promise<WorkerResult>((resolve) => {
      let result: WorkerResult = { ok: false, message: 'worker exited without reporting' };
      worker.on('message', (message: StoreJobReport) => {
        if (message.type === 'ready') {
          ready += 1;
          if (ready === jobs.length) release();
        } else if (message.type === 'done') {
          result = { ok: true, migrated: message.migrated, results: message.results };
        } else {
          result = { ok: false, message: message.message };
        }
      });
      worker.on('error', (error) => {
        result = { ok: false, message: error.message };
        release();
      });
      worker.on('exit', () => resolve(result));
    });
  });
  await allReady;
  Atomics.store(gate, 0, 1);
  Atomics.notify(gate, 0);
  return Promise.all(finished);
}
