import { describe, expect, it } from 'vitest';
import { cacheFreshnessMs, feedIntervalMs, firstAllowedTime, retryAfterMs, skipWindows } from '../../src/schedule/index.js';

const now = new Date('2026-03-04T10:00:00.000Z');
const S = 1000;

describe('cacheFreshnessMs', () => {
  const cases: { name: string; headers: Record<string, string>; expected: number | undefined }[] = [
    { name: 'no caching headers', headers: {}, expected: undefined },
    { name: 'max-age', headers: { 'cache-control': 'public, max-age=600' }, expected: 600 * S },
    { name: 'max-age less Age', headers: { 'cache-control': 'max-age=600', age: '100' }, expected: 500 * S },
    { name: 'Age beyond max-age: stale', headers: { 'cache-control': 'max-age=60', age: '100' }, expected: 0 },
    { name: 'quoted max-age', headers: { 'cache-control': 'max-age="300"' }, expected: 300 * S },
    { name: 'upper-case directive', headers: { 'cache-control': 'Max-Age=120' }, expected: 120 * S },
    { name: 'junk max-age ignored', headers: { 'cache-control': 'max-age=soon' }, expected: undefined },
    { name: 'negative max-age ignored', headers: { 'cache-control': 'max-age=-5' }, expected: undefined },
    { name: 'conflicting max-age: stale', headers: { 'cache-control': 'max-age=60, max-age=120' }, expected: undefined },
    { name: 'no-cache alone asks nothing', headers: { 'cache-control': 'no-cache' }, expected: undefined },
    { name: 'Expires against Date', headers: { expires: 'Wed, 04 Mar 2026 11:00:00 GMT', date: 'Wed, 04 Mar 2026 10:30:00 GMT' }, expected: 1800 * S },
    { name: 'Expires against now without Date', headers: { expires: 'Wed, 04 Mar 2026 11:00:00 GMT' }, expected: 3600 * S },
    { name: 'Expires in the past', headers: { expires: 'Wed, 04 Mar 2026 09:00:00 GMT' }, expected: undefined },
    { name: 'Expires: 0 (junk)', headers: { expires: '0' }, expected: undefined },
    { name: 'Expires: -1 (junk)', headers: { expires: '-1' }, expected: undefined },
    { name: 'max-age wins over Expires', headers: { 'cache-control': 'max-age=60', expires: 'Wed, 04 Mar 2026 18:00:00 GMT' }, expected: 60 * S },
  ];
  it.each(cases)('$name', ({ headers, expected }) => expect(cacheFreshnessMs(headers, now)).toBe(expected));
});

describe('retryAfterMs', () => {
  const cases: { value: string | undefined; expected: number | undefined }[] = [
    { value: undefined, expected: undefined },
    { value: '120', expected: 120 * S },
    { value: ' 30 ', expected: 30 * S },
    { value: '0', expected: 0 },
    { value: 'Wed, 04 Mar 2026 10:05:00 GMT', expected: 300 * S },
    { value: 'Wednesday, 04-Mar-26 10:05:00 GMT', expected: 300 * S },
    { value: 'Wed Mar  4 10:05:00 2026', expected: 300 * S },
    { value: 'Wed, 04 Mar 2026 09:00:00 GMT', expected: 0 },
    { value: '-5', expected: undefined },
    { value: '1.5', expected: undefined },
    { value: 'soon', expected: undefined },
    { value: '', expected: undefined },
  ];
  it.each(cases)('$value', ({ value, expected }) => expect(retryAfterMs(value, now)).toBe(expected));
});

describe('feedIntervalMs', () => {
  const H = 3_600_000;
  const cases: { name: string; hints: { ttlMinutes?: number; updatePeriod?: string; updateFrequency?: number }; expected: number | undefined }[] = [
    { name: 'nothing', hints: {}, expected: undefined },
    { name: 'ttl 60', hints: { ttlMinutes: 60 }, expected: H },
    { name: 'ttl 0 asks nothing', hints: { ttlMinutes: 0 }, expected: undefined },
    { name: 'negative ttl asks nothing', hints: { ttlMinutes: -10 }, expected: undefined },
    { name: 'sy hourly', hints: { updatePeriod: 'hourly' }, expected: H },
    { name: 'sy hourly ×2', hints: { updatePeriod: 'hourly', updateFrequency: 2 }, expected: H / 2 },
    { name: 'sy daily', hints: { updatePeriod: ' Daily ' }, expected: 24 * H },
    { name: 'sy weekly', hints: { updatePeriod: 'weekly' }, expected: 7 * 24 * H },
    { name: 'sy frequency 0 asks nothing', hints: { updatePeriod: 'daily', updateFrequency: 0 }, expected: undefined },
    { name: 'sy unknown period', hints: { updatePeriod: 'fortnightly' }, expected: undefined },
    { name: 'ttl and sy: the longer', hints: { ttlMinutes: 30, updatePeriod: 'hourly' }, expected: H },
  ];
  it.each(cases)('$name', ({ hints, expected }) => expect(feedIntervalMs(hints)).toBe(expected));
});

describe('skip windows', () => {
  it('reads hours (24 as 0) and day names, dropping junk', () => {
    expect(skipWindows({ skipHours: [24, 3, 3, 25, -1], skipDays: ['Saturday', 'sunday ', 'Caturday'] })).toEqual({ hours: [0, 3], days: [0, 6] });
  });

  const cases: { name: string; at: string; hours: number[]; days: number[]; expected: string }[] = [
    { name: 'nothing skipped', at: '2026-03-04T10:17:00.000Z', hours: [], days: [], expected: '2026-03-04T10:17:00.000Z' },
    { name: 'allowed hour stays', at: '2026-03-04T10:17:00.000Z', hours: [9, 11], days: [], expected: '2026-03-04T10:17:00.000Z' },
    { name: 'skipped hour: next hour start', at: '2026-03-04T10:17:00.000Z', hours: [10], days: [], expected: '2026-03-04T11:00:00.000Z' },
    { name: 'a run of skipped hours', at: '2026-03-04T22:30:00.000Z', hours: [22, 23, 0, 1, 2, 3, 4, 5], days: [], expected: '2026-03-05T06:00:00.000Z' },
    // 2026-03-07 is a Saturday.
    { name: 'skipped weekend', at: '2026-03-07T12:00:00.000Z', hours: [], days: [0, 6], expected: '2026-03-09T00:00:00.000Z' },
    { name: 'skipped day and hour', at: '2026-03-07T12:00:00.000Z', hours: [0, 1], days: [0, 6], expected: '2026-03-09T02:00:00.000Z' },
    { name: 'every hour skipped: ignored', at: '2026-03-04T10:17:00.000Z', hours: Array.from({ length: 24 }, (_, i) => i), days: [], expected: '2026-03-04T10:17:00.000Z' },
    { name: 'every day skipped: ignored', at: '2026-03-04T10:17:00.000Z', hours: [], days: [0, 1, 2, 3, 4, 5, 6], expected: '2026-03-04T10:17:00.000Z' },
  ];
  it.each(cases)('$name', ({ at, hours, days, expected }) => expect(firstAllowedTime(new Date(at), { hours, days }).toISOString()).toBe(expected));
});
