import { describe, expect, it } from 'vitest';
import { planAfterFetch } from '../../src/schedule/index.js';
import type { FetchObservation, ScheduleState } from '../../src/schedule/index.js';

const M = 60_000;
const now = new Date('2026-03-04T12:00:00.000Z');
const inMinutes = (m: number) => new Date(now.getTime() + m * M).toISOString();
const policy = { intervalMs: 30 * M, minIntervalMs: 5 * M, maxIntervalMs: 24 * 60 * M };
const state: ScheduleState = { url: 'https://a.example/feed', errorCount: 0, redirectUrl: null, rate: { gapMs: null, newestAt: null }, feedHints: null };
const ok = (extra: Partial<Extract<FetchObservation, { kind: 'fetched' }>> = {}): FetchObservation =>
  ({ kind: 'fetched', notModified: false, headers: {}, permanentRedirect: null, ...extra });
const polling = (extra: object = {}) => ({ skipHours: [], skipDays: [], ...extra });

describe('planAfterFetch', () => {
  const cases: { name: string; state?: Partial<ScheduleState>; observation: FetchObservation; next: string; changes?: object; notice?: string }[] = [
    { name: 'a plain success: the configured interval', observation: ok(), next: inMinutes(30), changes: { goneUrl: null } },
    { name: 'Cache-Control max-age beyond the interval', observation: ok({ headers: { 'cache-control': 'max-age=7200' } }), next: inMinutes(120) },
    { name: 'Expires beyond the interval', observation: ok({ headers: { expires: 'Wed, 04 Mar 2026 13:00:00 GMT', date: 'Wed, 04 Mar 2026 12:00:00 GMT' } }), next: inMinutes(60) },
    { name: 'RSS ttl beyond the interval', observation: ok({ polling: polling({ ttlMinutes: 90 }), itemDates: [] }), next: inMinutes(90) },
    { name: 'sy:updatePeriod daily', observation: ok({ polling: polling({ updatePeriod: 'daily' }), itemDates: [] }), next: inMinutes(24 * 60) },
    { name: 'skipHours push the check out', observation: ok({ polling: polling({ skipHours: [12, 13] }), itemDates: [] }), next: '2026-03-04T14:00:00.000Z' },
    // 2026-03-04 is a Wednesday.
    { name: 'skipDays push the check out', observation: ok({ polling: polling({ skipDays: ['Wednesday'] }), itemDates: [] }), next: '2026-03-05T00:00:00.000Z' },
    { name: 'a 304 keeps honouring the stored ttl', state: { feedHints: { intervalMs: 120 * M, skipHours: [], skipDays: [] } }, observation: ok({ notModified: true }), next: inMinutes(120) },
    {
      name: 'items every 10 minutes: polled every 7.5m (a quarter of the configured)',
      observation: ok({ polling: polling(), itemDates: [0, 10, 20, 30, 40].map((m) => new Date(now.getTime() - m * M).toISOString()) }),
      next: inMinutes(7.5),
    },
    { name: 'first failure: the interval', observation: { kind: 'failed', status: 500 }, next: inMinutes(30) },
    { name: 'third failure in a row: 4x', state: { errorCount: 2 }, observation: { kind: 'failed', status: null }, next: inMinutes(120) },
    { name: 'many failures: capped at the max', state: { errorCount: 40 }, observation: { kind: 'failed', status: null }, next: inMinutes(24 * 60) },
    { name: 'one success resets the backoff', state: { errorCount: 7 }, observation: ok(), next: inMinutes(30) },
    { name: '429 with Retry-After seconds', observation: { kind: 'failed', status: 429, retryAfterSeconds: '10800' }, next: inMinutes(180) },
    { name: '503 with Retry-After', observation: { kind: 'failed', status: 503, retryAfterSeconds: '3600' }, next: inMinutes(60) },
    { name: 'Retry-After shorter than the backoff: the backoff', state: { errorCount: 3 }, observation: { kind: 'failed', status: 503, retryAfterSeconds: '60' }, next: inMinutes(240) },
    { name: 'Retry-After junk is ignored', observation: { kind: 'failed', status: 429, retryAfterSeconds: 'later' }, next: inMinutes(30) },
    { name: 'Retry-After on a 500 is ignored', observation: { kind: 'failed', status: 500, retryAfterSeconds: '36000' }, next: inMinutes(30) },
    { name: '410 Gone disables', observation: { kind: 'failed', status: 410 }, next: inMinutes(30), changes: { goneUrl: state.url }, notice: 'gone' },
    { name: 'a first permanent redirect is only remembered', observation: ok({ permanentRedirect: 'https://b.example/feed' }), next: inMinutes(30), changes: { goneUrl: null } },
    {
      name: 'the same permanent redirect twice: moved', state: { redirectUrl: 'https://b.example/feed' },
      observation: ok({ permanentRedirect: 'https://b.example/feed' }), next: inMinutes(30),
      changes: { goneUrl: null, movedUrl: 'https://b.example/feed', movedFrom: state.url }, notice: 'moved',
    },
    {
      name: 'a different redirect than last time: not moved yet', state: { redirectUrl: 'https://c.example/feed' },
      observation: ok({ permanentRedirect: 'https://b.example/feed' }), next: inMinutes(30), changes: { goneUrl: null },
    },
  ];
  it.each(cases)('$name', ({ state: changes, observation, next, changes: expectedChanges, notice }) => {
    const plan = planAfterFetch({ state: { ...state, ...changes }, policy, observation, now, random: () => 0.5 });
    expect(plan.nextFetchAt.toISOString()).toBe(next);
    if (expectedChanges !== undefined) expect(plan.changes).toEqual(expectedChanges);
    expect(plan.notices.map((n) => n.kind)).toEqual(notice === undefined ? [] : [notice]);
  });

  it('remembers what a 200 taught: publishing rate and feed hints', () => {
    const itemDates = ['2026-03-04T11:00:00.000Z', '2026-03-04T10:00:00.000Z', '2026-03-04T09:00:00.000Z'];
    const plan = planAfterFetch({ state, policy, now, observation: ok({ itemDates, polling: polling({ ttlMinutes: 60, skipDays: ['Sunday'] }) }) });
    expect(plan.changes).toEqual({
      goneUrl: null, publishGapMs: 60 * M, newestItemAt: '2026-03-04T11:00:00.000Z', feedHints: { intervalMs: 60 * M, skipHours: [], skipDays: [0] },
    });
  });
});
