import { describe, expect, it } from 'vitest';
import { cronProblem } from '../../src/config/index.js';

describe('cronProblem', () => {
  it.each([
    ['* * * * *'],
    ['*/5 * * * *'],
    ['0 */2 * * *'],
    ['30 6 1,15 * mon-fri'],
    ['0 0 * JAN,jul SUN'],
    ['0 0 * january sunday'],
    ['*/10 * * * * *'],
    ['0 9-17/2 * * 1-5'],
    ['0 0 L * *'],
    ['0 0 15W * *'],
    ['0 0 * * 5L'],
    ['0 0 * * 1#2'],
    ['0 0 ? * 7'],
    ['@hourly'],
    ['@DAILY'],
    ['  * *  * * *  '],
  ])('%j is valid', (expression) => {
    expect(cronProblem(expression)).toBeUndefined();
  });

  it.each([
    ['', /expected 5 fields .* got 0/],
    ['* * * *', /got 4/],
    ['* * * * * * *', /got 7/],
    ['60 * * * *', /"60" is not a valid minute/],
    ['* 24 * * *', /"24" is not a valid hour/],
    ['* * 0 * *', /"0" is not a valid day of month/],
    ['* * * 13 *', /"13" is not a valid month/],
    ['* * * * 8', /"8" is not a valid day of week/],
    ['*/0 * * * *', /step "0"/],
    ['5-1 * * * *', /runs backwards/],
    ['* * * foo *', /"foo" is not a valid month/],
    ['@sometimes', /expected 5 fields/],
    ['a b c d e', /"a" is not a valid minute/],
  ])('%j is refused', (expression, reason) => {
    expect(cronProblem(expression)).toMatch(reason);
  });
});
