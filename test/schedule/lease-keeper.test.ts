import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FeedloomError } from '../../src/model/index.js';
import { keepLease } from '../../src/schedule/index.js';

describe('keepLease', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('renews every third of the lease until stopped', async () => {
    const renew = vi.fn(async () => true);
    const keeper = keepLease({ what: 'source a', leaseMs: 30_000, renew });
    await vi.advanceTimersByTimeAsync(9_999);
    expect(renew).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(renew).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(renew).toHaveBeenCalledTimes(3);
    keeper.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(renew).toHaveBeenCalledTimes(3);
    expect(keeper.lost.aborted).toBe(false);
  });

  it('aborts `lost` with LEASE_LOST when a renewal finds the lease taken, and stops renewing', async () => {
    const renew = vi.fn(async () => renew.mock.calls.length < 2);
    const keeper = keepLease({ what: 'source a', leaseMs: 3_000, renew });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(keeper.lost.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(keeper.lost.aborted).toBe(true);
    expect(keeper.lost.reason).toBeInstanceOf(FeedloomError);
    expect(keeper.lost.reason).toMatchObject({ code: 'LEASE_LOST', message: expect.stringMatching(/^source a: lease lost to another worker/) });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(renew).toHaveBeenCalledTimes(2);
  });

  it('tries again after a renewal that failed, without calling the lease lost', async () => {
    const renew = vi.fn(async () => {
      if (renew.mock.calls.length === 1) throw new Error('connection reset');
      return true;
    });
    const keeper = keepLease({ what: 'source a', leaseMs: 3_000, renew });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(renew).toHaveBeenCalledTimes(3);
    expect(keeper.lost.aborted).toBe(false);
    keeper.stop();
  });

  it('ignores the answer of a renewal under way when stopped', async () => {
    let answer: (kept: boolean) => void = () => undefined;
    const keeper = keepLease({ what: 'source a', leaseMs: 3_000, renew: () => new Promise<boolean>((resolve) => (answer = resolve)) });
    await vi.advanceTimersByTimeAsync(1_000);
    keeper.stop();
    answer(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(keeper.lost.aborted).toBe(false);
  });
});
