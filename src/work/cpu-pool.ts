import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { FeedloomError } from '../model/index.js';
import type { CpuBudget } from './budget.js';
import type { CpuTask, ResultOf, StartedMessage, TaskEnvelope } from './tasks.js';

/** How a pool is sized. */
export interface CpuPoolOptions {
  /** Worker threads (config `cpu.threads`); default `os.availableParallelism()`. */
  threads?: number;
  /** The JS heap (old generation) one thread may use; a document that needs more fails TOO_COMPLEX. Default 512 MB. */
  maxHeapMb?: number;
}

/** How one task is run. */
export interface RunOptions {
  /** The document's CPU budget: the task is stopped (and its thread replaced) when it uses up what is left. */
  budget?: CpuBudget;
  /** Abort: a task not started yet is never run; one running is stopped with its thread. */
  signal?: AbortSignal;
  /** Buffers to move to the worker instead of copying (they are unusable here afterwards). */
  transfer?: ArrayBuffer[];
}

/** A thread's heap: enough for a 10 MB document of 50,000 items or a million tags (fetch.maxBytes' default). */
const DEFAULT_MAX_HEAP_MB = 512;
const YOUNG_GENERATION_MB = 8;

/**
 * Where the worker entry is and how to load it. Built (dist/…/cpu-pool.js): the compiled cpu-worker.js beside this
 * file. From the TypeScript sources (vitest, tsx: this file is cpu-pool.ts): cpu-worker.ts, with tsx's loader
 * registered in the thread by `--import` — a worker thread does not inherit the loader its parent runs under
 * (vitest's transform never reaches it), and tsx is a dev dependency, present wherever the sources run as .ts.
 */
function workerEntry(): { filename: string; execArgv?: string[] } {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return { filename: new URL('./cpu-worker.js', here).href };
  const tsx = pathToFileURL(createRequire(here).resolve('tsx')).href;
  return { filename: new URL('./cpu-worker.ts', here).href, execArgv: ['--import', tsx] };
}

/**
 * The pool of worker threads that runs the CPU stages (decode, parse, normalise, sanitise, story features, vendor
 * tags), so that the main thread only does I/O and bookkeeping: one heavy document never delays another source's
 * fetch deadline or lease. Tasks and results are plain data (src/work/tasks.ts). A task over its document's CPU
 * budget fails with TOO_COMPLEX, and its thread is terminated and replaced (a running task cannot be interrupted).
 */
export class CpuPool {
  readonly threads: number;
  readonly maxHeapMb: number;
  readonly #piscina: Piscina<TaskEnvelope, { ms: number; result: unknown }>;
  readonly #onStart = new Map<number, () => void>();
  #nextId = 1;
  #started = 0;

  constructor(options: CpuPoolOptions = {}) {
    this.threads = Math.max(1, options.threads ?? availableParallelism());
    const entry = workerEntry();
    // Every thread is kept (minThreads = maxThreads): piscina replaces a stopped thread only up to minThreads, and
    // adds threads beyond that only when a task is submitted, so with fewer, the tasks queued behind documents
    // stopped over budget would wait for the next submission, which may never come.
    this.maxHeapMb = options.maxHeapMb ?? DEFAULT_MAX_HEAP_MB;
    // A small young generation: V8 sizes it for throughput (up to 48 MB a thread here), and each thread has its own.
    // Measured on a 300-source ingest (bench news corpus): peak RSS 715 MB with V8's default, 630 MB with 8 MB,
    // against 583 MB with the stages on the main thread; a parse costs about 8% more CPU.
    const resourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: this.maxHeapMb };
    this.#piscina = new Piscina({ ...entry, resourceLimits, minThreads: this.threads, maxThreads: this.threads, concurrentTasksPerWorker: 1 });
    this.#piscina.on('message', (message: unknown) => {
      if (typeof message === 'object' && message !== null && 'feedloomTaskStarted' in message) {
        this.#onStart.get((message as StartedMessage).feedloomTaskStarted)?.();
      }
    });
  }

  /** Run one task in a worker thread; rejects with TOO_COMPLEX over budget, with the signal's reason when aborted. */
  async run<T extends CpuTask>(task: T, options: RunOptions = {}): Promise<ResultOf<T>> {
    const { budget, signal } = options;
    if (budget && budget.remainingMs <= 0) throw budget.exceeded();
    const id = this.#nextId++;
    const stop = new AbortController();
    let overBudget = false;
    let timer: NodeJS.Timeout | undefined;
    let began = false;
    const begin = (clock: boolean): void => {
      if (began) return;
      began = true;
      this.#started++;
      if (budget && clock) {
        timer = setTimeout(() => {
          overBudget = true;
          stop.abort();
        }, budget.remainingMs);
      }
    };
    this.#onStart.set(id, () => begin(true));
    const signals = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
    try {
      const done = await this.#piscina.run({ id, task }, { signal: signals, ...(options.transfer ? { transferList: options.transfer } : {}) });
      // The start message travels on another port than the result, and may come after it.
      begin(false);
      if (budget) budget.spentMs += done.ms;
      return done.result as ResultOf<T>;
    } catch (error) {
      if (overBudget && budget) {
        budget.spentMs = budget.limitMs;
        throw budget.exceeded();
      }
      if (signal?.aborted) throw signal.reason;
      if (error instanceof Error && (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        throw new FeedloomError('TOO_COMPLEX', `document too complex: its worker thread ran out of memory (${this.maxHeapMb} MB of heap); the thread was replaced`);
      }
      throw new FeedloomError('INTERNAL', `a CPU worker thread failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    } finally {
      clearTimeout(timer);
      this.#onStart.delete(id);
    }
  }

  /** Tasks a thread has started so far. */
  get started(): number {
    return this.#started;
  }

  /** Tasks waiting for a thread. */
  get queued(): number {
    return this.#piscina.queueSize;
  }

  /** Let the running tasks finish, then stop every thread. */
  async close(): Promise<void> {
    await this.#piscina.close();
  }
}
