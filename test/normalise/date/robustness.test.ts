import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../src/normalise/date/index.js';

describe('parseDate: junk and hostile input', () => {
  it.each(['', '   ', '\n', 'not a date', 'null', 'NaN', '-', ':', '+0100', 'GMT', 'Thu,', '0'])(
    'returns undefined for %j',
    (input) => {
      expect(parseDate(input)).toBeUndefined();
    },
  );

  it('returns undefined (never throws) for non-string input', () => {
    for (const value of [undefined, null, 42, {}, []]) {
      expect(parseDate(value as unknown as string)).toBeUndefined();
    }
  });

  it('returns only valid dates', () => {
    const samples = ['Thu, 01 Jan 2004 19:48:21 GMT', '2003-12-31T10:14:55Z', 'Sun Jan  4 16:29:06 2004'];
    for (const sample of samples) {
      const date = parseDate(sample);
      expect(date).toBeInstanceOf(Date);
      expect(Number.isNaN(date?.getTime())).toBe(false);
    }
  });

  it('stays fast on long and adversarial strings', () => {
    const hostile = [
      '1'.repeat(100_000),
      `2004-01-01T${'1'.repeat(240)}`,
      `Thu, 01 Jan 2004 19:48:21 ${'('.repeat(200)}`,
      `${'a, '.repeat(80)}`,
      `2004-01-01T10:00:00.${'9'.repeat(230)}x`,
      ` ${'\t'.repeat(250)}1`,
      `${'-'.repeat(250)}`,
      `Thu, 01 Jan 2004 19:${'1:'.repeat(110)}`,
    ];
    const started = performance.now();
    for (const input of hostile) {
      for (let i = 0; i < 200; i += 1) parseDate(input);
    }
    expect(performance.now() - started).toBeLessThan(1500);
    expect(parseDate('1'.repeat(100_000))).toBeUndefined();
  });
});
