import cron from 'node-cron';
import type { ScheduledTask } from 'node-cron';

// The scheduler's side of node-cron; config/cron.ts validates expressions with the same library.

/** A cron task that can be stopped. */
export type CronTask = Pick<ScheduledTask, 'stop' | 'destroy'>;

/** Run `run` on every time the expression names (node-cron). */
export function scheduleCron(expression: string, run: () => void, name: string): CronTask {
  return cron.schedule(expression, run, { name });
}
