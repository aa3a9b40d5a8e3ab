import cron from 'node-cron';

// Validated with node-cron, the library the scheduler (schedule/cron.ts) runs ticks with: `check` refuses exactly
// what the scheduler cannot run.

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
