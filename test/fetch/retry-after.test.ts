import { describe, expect, it } from 'vitest';
import { retryAfterSeconds } from '../../src/fetch/retry-after.js';

const NOW = Date.parse('2025-04-01T10:00:00Z');

describe('retryAfterSeconds', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['120', '120'],
    [' 0030 ', '30'],
    ['Tue, 01 Apr 2025 10:01:30 GMT', '90'],
    ['Tue, 01 Apr 2025 09:00:00 GMT', '0'],
    ['-5', undefined],
    ['1.5', undefined],
    ['later', undefined],
  ])('%j -> %j', (header, expected) => {
    expect(retryAfterSeconds(header, NOW)).toBe(expected);
  });
});
