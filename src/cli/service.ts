import type { Config } from '../config/index.js';
import type { Logger } from '../log/index.js';
import { shutdownSignal } from '../schedule/index.js';
import type { DatabaseHandle } from '../store/index.js';
import { EXIT } from './command.js';
import { requireConfig } from './context.js';
import { openDatabase } from './database.js';
import { openDatabaseOrDefer } from './deferred-database.js';
import type { CliIo } from './io.js';
import { cliLogger } from './logger.js';
import { onPrimaryStop } from './serve-cluster.js';

/** What a long-running role starts with. */
export interface ServiceContext {
  config: Config;
  logger: Logger;
  handle: DatabaseHandle;
  /** Register how to stop a part once it has started; parts stop in reverse order, also when a later part fails to start. */
  onStop(stop: () => Promise<void>): void;
}

/** Resolves when `signal` aborts. */
function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/**
 * Run a long-lived role (`run`, `serve`, `worker`) until SIGTERM/SIGINT: load the config, open and migrate
 * the database, `start` the role's parts (each registering its stopper with `onStop`), and on the first
 * signal stop them in reverse order, then close the database. If a part fails to start (a port in use),
 * the parts already running are stopped before the error is reported, so the process can exit. A second
 * signal exits at once. A `serve --workers` worker also stops when its primary asks it to (or goes away).
 *
 * `options.lastGood` (serve only): the directory of the last good copies; when the database cannot be opened at
 * start but that directory holds copies, the role starts anyway with a handle whose opening is retried in the
 * background (see `openDatabaseOrDefer`).
 */
export async function runService(
  io: CliIo,
  role: string,
  start: (context: ServiceContext) => Promise<void>,
  options: { lastGood?: string | undefined } = {},
): Promise<number> {
  const config = await requireConfig(io);
  const logger = cliLogger(io);
  const handle = 'lastGood' in options ? await openDatabaseOrDefer(io, logger, options.lastGood, role) : await openDatabase(io);
  const stop = shutdownSignal({ onRepeat: () => process.exit(130) });
  const asked = new AbortController();
  onPrimaryStop(() => asked.abort());
  const stoppers: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stopPart of stoppers.splice(0).reverse()) await stopPart();
  };
  try {
    await start({ config, logger, handle, onStop: (stopPart) => stoppers.push(stopPart) });
    await Promise.race([aborted(stop.signal), aborted(asked.signal)]);
    logger.info(`${role}: ${stop.received() ?? (asked.signal.aborted ? 'asked by its primary' : 'signal')}: stopping; finishing the work in flight`);
    await stopAll();
    logger.info(`${role}: stopped`);
    return EXIT.ok;
  } finally {
    await stopAll().catch((error: unknown) => logger.error(`${role}: while stopping: ${error instanceof Error ? error.message : String(error)}`));
    stop.dispose();
    await handle.close();
  }
}
