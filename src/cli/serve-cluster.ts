import cluster from 'node:cluster';
import type { Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { UsageError } from '../model/index.js';
import { shutdownSignal } from '../schedule/index.js';
import { EXIT } from './command.js';
import { requireConfig } from './context.js';
import { openDatabase } from './database.js';
import type { CliIo } from './io.js';
import { oneLine } from '../server/index.js';
import { copiesToStartOn } from './deferred-database.js';
import { lastGoodDir } from './last-good-dir.js';
import { cliLogger } from './logger.js';

/** What a serve worker tells the primary once it listens. */
interface ListeningMessage {
  type: 'listening';
  url: string;
}

/** A worker that dies this soon after the one before is a crash loop: give up rather than fork forever. */
const CRASH_WINDOW_MS = 60_000;
const MAX_CRASHES_IN_WINDOW = 5;
const RESTART_DELAY_MS = 1_000;
/** The longest wait between tries of a replacement that could not start (the database away, say). */
const MAX_RESTART_DELAY_MS = 30_000;

/** `--workers N`: a whole number from 1 to 256; by default the cores this process may use. */
export function workerCount(flag: string | undefined): number {
  if (flag === undefined) return availableParallelism();
  if (!/^\d+$/.test(flag) || Number(flag) < 1 || Number(flag) > 256) throw new UsageError(`--workers ${flag}: not a number of processes (1-256)`);
  return Number(flag);
}

/** Whether this process is a serve worker forked by `runServeCluster`. */
export function isServeWorker(): boolean {
  return cluster.isWorker;
}

/**
 * In a serve worker that has stopped: close the channel to the primary, so that the process can end with
 * its own exit code (the worker's `disconnect()` says it is meant: the cluster does not force exit 0).
 */
export function disconnectFromPrimary(): void {
  if (cluster.worker?.isConnected()) cluster.worker.disconnect();
}

/** In a serve worker: tell the primary the worker listens (the primary reports once all do). */
export function reportListening(url: string): void {
  if (cluster.isWorker) process.send?.({ type: 'listening', url } satisfies ListeningMessage);
}

// A worker listens for its primary from the start: a stop asked for while it is still starting is kept.
let primaryAsked = false;
const stopListeners = new Set<() => void>();
if (cluster.isWorker) {
  const asked = (): void => {
    primaryAsked = true;
    for (const stop of stopListeners) stop();
  };
  process.on('message', (message: unknown) => {
    if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'stop') asked();
  });
  process.on('disconnect', asked);
}

/**
 * In a serve worker: `stop` is called when the primary asks the worker to stop or goes away (at once when it
 * already has). The workers also get a terminal's SIGINT themselves (same process group): that and the
 * primary's request are one stop.
 */
export function onPrimaryStop(stop: () => void): void {
  if (!cluster.isWorker) return;
  stopListeners.add(stop);
  if (primaryAsked) stop();
}

/**
 * `feedloom serve --workers N` with N > 1: check the config and migrate the database once, then fork N
 * workers (node:cluster) that each run the single-process serve on the shared port. A first worker that
 * fails to start stops them all with its exit code (a port in use is exit 2, said by the worker); one that
 * dies later is replaced (unless they crash in a loop). A replacement that cannot start — the database away
 * with the copies on disk turned off, say — is tried again, waiting twice as long each time (up to 30 s), and
 * never stops the workers still serving. A database away at start stops serve unless it was served before (its
 * last good copies on disk): then the workers start on those copies. SIGTERM/SIGINT: each worker is asked to
 * stop gracefully, and the primary exits once all have.
 */
export async function runServeCluster(io: CliIo, workers: number): Promise<number> {
  const config = await requireConfig(io);
  const logger = cliLogger(io);
  // Migrate once here, so that N workers opening the database at once find it up to date. When the database is
  // away but was served before (copies on disk), the workers start anyway: each answers the copies and opens
  // (and migrates) the database in the background; otherwise the error stops serve here.
  try {
    await (await openDatabase(io)).close();
  } catch (error) {
    const copies = await copiesToStartOn(lastGoodDir(io), error);
    logger.error(`serve: cannot open the database at start (${oneLine(error)}); starting the workers on the last good copies in ${copies}`);
  }

  const stop = shutdownSignal({ onRepeat: () => process.exit(130) });
  const listening = new Set<Worker>();
  const live = new Set<Worker>();
  const crashes: number[] = [];
  let stopping = false;
  let failure: number | undefined;
  let announced = false;
  // Replacements in a row that could not start, for the wait before the next try.
  let failedStarts = 0;
  // Replacements waiting to be forked: they keep the primary alive when no worker is left, and are cleared on stop.
  const pending = new Set<NodeJS.Timeout>();

  return new Promise<number>((resolve) => {
    const finishIfDone = (): void => {
      if (live.size > 0) return;
      stop.dispose();
      if (failure === undefined) logger.info('serve: stopped');
      resolve(failure ?? EXIT.ok);
    };
    const stopAll = (): void => {
      if (stopping) return;
      stopping = true;
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
      // A worker may be exiting already (two that failed to start at once): its channel can close under the
      // send, which then fails with EPIPE. That worker is stopping anyway, so the failed send is no error.
      for (const worker of live) if (worker.isConnected()) worker.send({ type: 'stop' }, () => undefined);
      finishIfDone();
    };
    const forkLater = (wait: number): void => {
      const timer = setTimeout(() => {
        pending.delete(timer);
        if (!stopping) fork();
      }, wait);
      pending.add(timer);
    };
    const fork = (): void => {
      const worker = cluster.fork(io.env);
      live.add(worker);
      worker.on('message', (message: unknown) => {
        const m = message as Partial<ListeningMessage>;
        if (m.type !== 'listening' || typeof m.url !== 'string') return;
        listening.add(worker);
        if (announced) {
          failedStarts = 0;
          logger.info(`serve: a replacement worker listens (${listening.size} of ${workers})`);
        }
        if (!announced && listening.size === workers) {
          announced = true;
          logger.info(`serving ${config.site.title} on ${m.url} (${workers} workers)`);
        }
      });
      worker.on('exit', (code, signal) => {
        live.delete(worker);
        const started = listening.delete(worker);
        if (stopping) return finishIfDone();
        if (!started && !announced) {
          // A first worker never listened: the others would fail alike (a port in use, a database gone). The worker said why.
          failure = code !== null && code !== 0 ? code : EXIT.failed;
          logger.error(`serve: a worker failed to start (exit ${code ?? signal}); stopping`);
          return stopAll();
        }
        if (!started) {
          // A replacement that could not start: what stopped it (most likely the database) may come back. The
          // workers still listening keep answering, from their last good copies if need be.
          failedStarts += 1;
          const wait = Math.min(RESTART_DELAY_MS * 2 ** failedStarts, MAX_RESTART_DELAY_MS);
          logger.error(`serve: a replacement worker could not start (exit ${code ?? signal}); trying again in ${wait / 1000} s (${listening.size} still serving)`);
          return forkLater(wait);
        }
        const now = Date.now();
        crashes.push(now);
        while ((crashes[0] ?? now) < now - CRASH_WINDOW_MS) crashes.shift();
        if (crashes.length > MAX_CRASHES_IN_WINDOW) {
          failure = EXIT.failed;
          logger.error(`serve: workers keep dying (${crashes.length} in a minute); stopping`);
          return stopAll();
        }
        logger.error(`serve: worker ${worker.process.pid ?? '?'} exited (${code ?? signal}); starting another`);
        forkLater(RESTART_DELAY_MS);
      });
    };
    stop.signal.addEventListener('abort', () => {
      logger.info(`serve: ${stop.received() ?? 'signal'}: stopping ${live.size} workers; finishing the requests in flight`);
      stopAll();
    }, { once: true });
    for (let i = 0; i < workers; i += 1) fork();
  });
}
