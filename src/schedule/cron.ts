import cron from 'node-cron';
import type { ScheduledTask } from 'node-cron';

// The one file that imports node-cron: `check` validates a tick with the very library that will run it.

/** A cron task that can be stopped. */
export type CronTask = Pick<ScheduledTask, 'stop' | 'destroy'>;

/**
 * What node-cron finds wrong with a cron expression (5 fields, 6 with seconds, or "@hourly" and the like),
 * or undefined when node-cron will schedule it — so `check` and the scheduler always agree.
 */
export function cronProblem(expression: string): string | undefined {
  const result = cron.validateDetailed(expression);
  if (result.valid) return undefined;
  const reasons = result.errors.map((error) => error.message);
  return `not a cron expression node-cron can run (${reasons.join('; ') || 'invalid'}); e.g. "*/5 * * * *"`;
}

/** Run `run` on every time the expression names (node-cron). */
export function scheduleCron(expression: string, run: () => void, name: string): CronTask {
  return cron.schedule(expression, run, { name });
}
