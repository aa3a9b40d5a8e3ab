import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, tryParseDuration } from '../../src/config/index.js';
import { FeedloomError } from '../../src/model/errors.js';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['90s', 90 * SECOND],
    ['15m', 15 * MINUTE],
    ['24h', 24 * HOUR],
    ['7d', 7 * DAY],
    ['2w', 14 * DAY],
    ['1h30m', HOUR + 30 * MINUTE],
    ['1d12h', DAY + 12 * HOUR],
    ['1m5s', MINUTE + 5 * SECOND],
    ['1s500ms', 1_500],
    ['1.5h', 90 * MINUTE],
    ['0.25s', 250],
    ['0s', 0],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
    expect(tryParseDuration(text)).toBe(ms);
  });

  it.each([
    [''],
    ['15'],
    ['m'],
    ['15 m'],
    [' 15m'],
    ['15M'],
    ['15min'],
    ['-5m'],
    ['1.m'],
    ['.5h'],
    ['30m1h'],
    ['1m1m'],
    ['1e3s'],
    ['99999999999999999999d'],
  ])('%j is not a duration', (text) => {
    expect(tryParseDuration(text)).toBeUndefined();
    expect(() => parseDuration(text)).toThrow(FeedloomError);
    expect(() => parseDuration(text)).toThrow(/not a duration/);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [250, '250ms'],
    [1_500, '1s500ms'],
    [90 * SECOND, '1m30s'],
    [15 * MINUTE, '15m'],
    [24 * HOUR, '1d'],
    [HOUR + 30 * MINUTE, '1h30m'],
    [14 * DAY, '14d'],
    [-5 * MINUTE, '-5m'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('parses back to the same number of milliseconds', () => {
    for (const ms of [1, 999, 1_000, 61_001, 3_599_999, 86_400_000, 7 * DAY + 3 * HOUR + 4 * MINUTE + 5 * SECOND + 6, 2 ** 40]) {
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    }
  });
});
