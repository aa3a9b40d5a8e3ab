import { describe, expect, it } from 'vitest';
import { cronProblem } from '../../src/config/index.js';
import { scheduleCron } from '../../src/schedule/cron.js';

const VALID = [
  '* * * * *',
  '*/5 * * * *',
  '0 */2 * * *',
  '30 6 1,15 * mon-fri',
  '0 0 * JAN,jul SUN',
  '0 0 * january sunday',
  '*/10 * * * * *',
  '0 9-17/2 * * 1-5',
  '0 0 L * *',
  '0 0 15W * *',
  '0 0 * * 5L',
  '0 0 * * 1#2',
  '0 0 ? * 7',
  '@hourly',
  '@DAILY',
  '  * *  * * *  ',
  // node-cron reads a backwards range as a wrap-around; the old hand-written check refused it.
  '5-1 * * * *',
];

const INVALID: [string, RegExp][] = [
  ['', /not a cron expression/],
  ['* * * *', /expected 5 or 6 fields but got 4/],
  ['* * * * * * *', /got 7/],
  ['60 * * * *', /60 is a invalid expression for minute/],
  ['* 24 * * *', /24 is a invalid expression for hour/],
  ['* * 0 * *', /0 is a invalid expression for day of month/],
  ['* * * 13 *', /13 is a invalid expression for month/],
  ['* * * * 8', /8 is a invalid expression for week day/],
  ['*/0 * * * *', /minute/],
  ['* * * foo *', /foo is a invalid expression for month/],
  ['@sometimes', /not a cron expression/],
  ['a b c d e', /a is a invalid expression for minute/],
  // A day that never comes: node-cron refuses to schedule it, so `check` must refuse it too.
  ['0 0 31 2 *', /impossible day of month/],
  ['0 0 30 2 *', /impossible day of month/],
];

/** Whether node-cron will actually schedule the expression (what `worker` does with it). */
function schedulable(expression: string): boolean {
  try {
    const task = scheduleCron(expression, () => undefined, 'cron-test');
    void task.stop();
    void task.destroy();
    return true;
  } catch {
    return false;
  }
}

describe('cronProblem', () => {
  it.each(VALID.map((e) => [e]))('%j is valid', (expression) => {
    expect(cronProblem(expression)).toBeUndefined();
  });

  it.each(INVALID)('%j is refused', (expression, reason) => {
    expect(cronProblem(expression)).toMatch(reason);
  });

  it('agrees with the scheduler on every expression: check refuses exactly what worker cannot run', () => {
    for (const expression of [...VALID, ...INVALID.map(([e]) => e)]) {
      expect({ expression, valid: cronProblem(expression) === undefined }).toEqual({ expression, valid: schedulable(expression) });
    }
  });
});
