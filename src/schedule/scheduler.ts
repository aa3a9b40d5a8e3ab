import type { Logger } from '../log/index.js';
import { scheduleCron } from './cron.js';
import type { CronTask } from './cron.js';

/** A running scheduler: `stop()` stops ticking, signals the pass in flight to start no more sources, and waits for it. */
export interface Scheduler {
  stop(): Promise<void>;
  /** Tick on another cron expression from now on; the pass in flight is not disturbed. */
  setTick(tick: string): Promise<void>;
  /** Resolves when the pass in flight (if any) has finished: for tests. */
  idle(): Promise<void>;
}

/** What the scheduler runs: one ingestion pass over the sources that are due now. */
export type PassRunner = (signal: AbortSignal) => Promise<void>;

/**
 * Run `runPass` now and on every cron `tick` (through node-cron). A tick that comes while
 * a pass is still running is skipped, so passes never overlap within a process; a failed pass is logged
 * and the next tick tries again.
 */
export function startScheduler(tick: string, runPass: PassRunner, logger: Logger): Scheduler {
  const controller = new AbortController();
  let inFlight: Promise<void> | undefined;
  const trigger = (): void => {
    if (controller.signal.aborted) return;
    if (inFlight) {
      logger.debug('scheduler: previous pass still running; tick skipped');
      return;
    }
    inFlight = runPass(controller.signal)
      .catch((error: unknown) => logger.error(`scheduler: ingestion pass failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        inFlight = undefined;
      });
  };
  let task: CronTask = scheduleCron(tick, trigger, 'feedloom-ingest');
  trigger();
  return {
    async stop() {
      controller.abort();
      await task.stop();
      await task.destroy();
      await inFlight;
    },
    async setTick(next) {
      if (controller.signal.aborted) return;
      const old = task;
      task = scheduleCron(next, trigger, 'feedloom-ingest');
      await old.stop();
      await old.destroy();
    },
    async idle() {
      await inFlight;
    },
  };
}
