import { describe, expect, it } from 'vitest';
import { adaptiveIntervalMs, publishingRate } from '../../src/schedule/index.js';

const H = 3_600_000;
const now = new Date('2026-03-04T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * H).toISOString();

describe('publishingRate', () => {
  const cases: { name: string; dates: (string | null)[]; gapHours: number | null; newestHoursAgo: number | null }[] = [
    { name: 'no dates', dates: [null, null], gapHours: null, newestHoursAgo: null },
    { name: 'one date: newest only', dates: [hoursAgo(3)], gapHours: null, newestHoursAgo: 3 },
    { name: 'two dates: one gap is not enough', dates: [hoursAgo(1), hoursAgo(3)], gapHours: null, newestHoursAgo: 1 },
    { name: 'hourly', dates: [0, 1, 2, 3, 4, 5].map(hoursAgo), gapHours: 1, newestHoursAgo: 0 },
    { name: 'order does not matter', dates: [3, 0, 5, 1, 4, 2].map(hoursAgo), gapHours: 1, newestHoursAgo: 0 },
    { name: 'median resists one outlier', dates: [0, 2, 4, 6, 100].map(hoursAgo), gapHours: 2, newestHoursAgo: 0 },
    { name: 'duplicate dates count once', dates: [0, 0, 0, 6, 12].map(hoursAgo), gapHours: 6, newestHoursAgo: 0 },
    { name: 'far-future dates are ignored', dates: ['2030-01-01T00:00:00.000Z', ...[1, 2, 3].map(hoursAgo)], gapHours: 1, newestHoursAgo: 1 },
    { name: 'junk dates are ignored', dates: ['yesterday', ...[2, 4, 6].map(hoursAgo)], gapHours: 2, newestHoursAgo: 2 },
    { name: 'only the newest eleven', dates: [...Array.from({ length: 11 }, (_, i) => hoursAgo(i)), ...Array.from({ length: 30 }, (_, i) => hoursAgo(100 + i * 50))], gapHours: 1, newestHoursAgo: 0 },
  ];
  it.each(cases)('$name', ({ dates, gapHours, newestHoursAgo }) => {
    const rate = publishingRate(dates, now);
    expect(rate.gapMs).toBe(gapHours === null ? null : gapHours * H);
    expect(rate.newestAt).toBe(newestHoursAgo === null ? null : hoursAgo(newestHoursAgo));
  });
});

describe('adaptiveIntervalMs', () => {
  const M = 60_000;
  // Configured 30m; bounds 5m .. 24h: adapted between 7.5m (a quarter) and 4h (eight times).
  const cases: { name: string; gapHours: number | null; newestHoursAgo: number | null; expectedMinutes: number; configured?: number; max?: number }[] = [
    { name: 'unknown rate: the configured interval', gapHours: null, newestHoursAgo: null, expectedMinutes: 30 },
    { name: 'publishes hourly: every 30m', gapHours: 1, newestHoursAgo: 0, expectedMinutes: 30 },
    { name: 'publishes every 2h: every 1h', gapHours: 2, newestHoursAgo: 1, expectedMinutes: 60 },
    { name: 'publishes every 20m: every 10m', gapHours: 1 / 3, newestHoursAgo: 0, expectedMinutes: 10 },
    { name: 'very busy: not below a quarter of the configured', gapHours: 0.05, newestHoursAgo: 0, expectedMinutes: 7.5 },
    { name: 'daily: not above eight times the configured', gapHours: 24, newestHoursAgo: 2, expectedMinutes: 240 },
    { name: 'gone quiet: the silence counts as the spacing', gapHours: 1, newestHoursAgo: 6, expectedMinutes: 180 },
    { name: 'within the schedule maximum', gapHours: 24, newestHoursAgo: 2, expectedMinutes: 120, max: 120 },
    { name: 'within the schedule minimum', gapHours: 0.05, newestHoursAgo: 0, expectedMinutes: 5, configured: 10 },
  ];
  it.each(cases)('$name', ({ gapHours, newestHoursAgo, expectedMinutes, configured, max }) => {
    const ms = adaptiveIntervalMs({
      configuredMs: (configured ?? 30) * M, minMs: 5 * M, maxMs: (max ?? 24 * 60) * M, now,
      rate: { gapMs: gapHours === null ? null : gapHours * H, newestAt: newestHoursAgo === null ? null : hoursAgo(newestHoursAgo) },
    });
    expect(ms).toBe(Math.round(expectedMinutes * M));
  });
});
