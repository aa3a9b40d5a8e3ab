import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { runTask } from './stages.js';
import type { StartedMessage, TaskEnvelope } from './tasks.js';

/**
 * The entry of a CPU worker thread (piscina calls the default export with each task). It says when it starts a
 * task, so that the main thread's clock for the task's CPU budget runs from then, not from when it was queued;
 * then it runs the task and returns plain data, with the time it took (what the document's budget is charged).
 */
export default function runEnvelope(envelope: TaskEnvelope): { ms: number; result: unknown } {
  const started: StartedMessage = { feedloomTaskStarted: envelope.id };
  parentPort?.postMessage(started);
  const t = performance.now();
  const result = runTask(envelope.task);
  return { ms: performance.now() - t, result };
}
