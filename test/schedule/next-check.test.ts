import { describe, expect, it } from 'vitest';
import { nextCheckAt } from '../../src/schedule/index.js';

const MIN = 60_000;
const now = new Date('2026-01-01T00:00:00.000Z');
const at = (minutes: number) => new Date(now.getTime() + minutes * MIN).toISOString();
const noJitter = () => 0.5;

describe('nextCheckAt', () => {
  const cases: { name: string; interval: number; streak: number; notBefore?: number; expected: string }[] = [
    { name: 'success: the interval', interval: 30, streak: 0, expected: at(30) },
    { name: 'below the minimum is clamped up', interval: 1, streak: 0, expected: at(5) },
    { name: 'above the maximum is clamped down', interval: 10_000, streak: 0, expected: at(24 * 60) },
    { name: 'first failure: the interval', interval: 30, streak: 1, expected: at(30) },
    { name: 'third failure: 4x', interval: 30, streak: 3, expected: at(120) },
    { name: 'backoff capped at the maximum', interval: 30, streak: 12, expected: at(24 * 60) },
    { name: 'a huge streak does not overflow', interval: 30, streak: 5000, expected: at(24 * 60) },
    { name: 'the publisher asks for longer: honoured', interval: 30, streak: 0, notBefore: 90, expected: at(90) },
    { name: 'the publisher asks for less: the interval stands', interval: 30, streak: 0, notBefore: 10, expected: at(30) },
    { name: 'the publisher asks beyond the maximum: the maximum', interval: 30, streak: 0, notBefore: 100 * 24 * 60, expected: at(24 * 60) },
    { name: 'a hint longer than the backoff wins', interval: 30, streak: 2, notBefore: 240, expected: at(240) },
  ];
  it.each(cases)('$name', ({ interval, streak, notBefore, expected }) => {
    const next = nextCheckAt({
      now, intervalMs: interval * MIN, minIntervalMs: 5 * MIN, maxIntervalMs: 24 * 60 * MIN, errorStreak: streak, random: noJitter,
      ...(notBefore !== undefined ? { notBeforeMs: notBefore * MIN } : {}),
    });
    expect(next.toISOString()).toBe(expected);
  });

  it('jitters within ±10%', () => {
    const lo = nextCheckAt({ now, intervalMs: 100 * MIN, minIntervalMs: MIN, maxIntervalMs: 1000 * MIN, errorStreak: 0, random: () => 0 });
    const hi = nextCheckAt({ now, intervalMs: 100 * MIN, minIntervalMs: MIN, maxIntervalMs: 1000 * MIN, errorStreak: 0, random: () => 0.999999 });
    expect(lo.toISOString()).toBe(at(90));
    expect(Math.round((hi.getTime() - now.getTime()) / MIN)).toBe(110);
  });

  it('jitter never goes below what the publisher asked', () => {
    const next = nextCheckAt({ now, intervalMs: 60 * MIN, minIntervalMs: MIN, maxIntervalMs: 1000 * MIN, errorStreak: 0, notBeforeMs: 60 * MIN, random: () => 0 });
    expect(next.toISOString()).toBe(at(60));
  });

  it('spreads sources on the same interval', () => {
    const times = new Set(Array.from({ length: 50 }, () => nextCheckAt({ now, intervalMs: 30 * MIN, minIntervalMs: MIN, maxIntervalMs: 1000 * MIN, errorStreak: 0 }).getTime()));
    expect(times.size).toBeGreaterThan(40);
    for (const t of times) expect(Math.abs(t - now.getTime() - 30 * MIN)).toBeLessThanOrEqual(3 * MIN);
  });

  it('moves out of skipped hours and days', () => {
    // 00:30 lands in skipped hours 0 and 1; the first allowed instant is 02:00.
    const next = nextCheckAt({ now, intervalMs: 30 * MIN, minIntervalMs: MIN, maxIntervalMs: 1000 * MIN, errorStreak: 0, random: noJitter, skip: { hours: [0, 1], days: [] } });
    expect(next.toISOString()).toBe('2026-01-01T02:00:00.000Z');
  });
});
