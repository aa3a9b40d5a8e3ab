import { describe, expect, it } from 'vitest';
import { runClaimLoop } from '../../src/schedule/index.js';

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

/** A queue of work items claimed in order, recording each claim's limit and the peak in flight. */
function harness(total: number) {
  const queue = Array.from({ length: total }, (_, i) => i);
  const limits: number[] = [];
  const done: number[] = [];
  let inFlight = 0;
  let peak = 0;
  return {
    limits, done,
    peak: () => peak,
    claim: async (limit: number) => {
      limits.push(limit);
      await tick(1);
      return queue.splice(0, limit);
    },
    work: async (item: number) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await tick(5 + (item % 3));
      inFlight--;
      done.push(item);
    },
  };
}

describe('runClaimLoop', () => {
  it('does every piece once, never more than the concurrency at once, claiming only for free slots', async () => {
    const h = harness(25);
    await runClaimLoop({ concurrency: 4, claim: h.claim, work: h.work });
    expect([...h.done].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(h.peak()).toBe(4);
    expect(Math.max(...h.limits)).toBe(4);
    expect(h.limits.every((l) => l >= 1)).toBe(true);
  });

  it('claims again after work finishes, when an earlier claim came back short', async () => {
    // The claimer hands out at most one piece while another is in flight (a host at its limit).
    const queue = [1, 2, 3];
    let busy = 0;
    const done: number[] = [];
    await runClaimLoop({
      concurrency: 3,
      claim: async () => (busy > 0 ? [] : queue.splice(0, 1)),
      work: async (n) => {
        busy++;
        await tick();
        busy--;
        done.push(n);
      },
    });
    expect(done).toEqual([1, 2, 3]);
  });

  it('on abort claims nothing more and lets the work in flight finish', async () => {
    const h = harness(100);
    const controller = new AbortController();
    const loop = runClaimLoop({ concurrency: 3, claim: h.claim, work: h.work, signal: controller.signal });
    await tick(12);
    controller.abort();
    const claimsAtAbort = h.limits.length;
    await loop;
    expect(h.limits.length).toBeLessThanOrEqual(claimsAtAbort + 1);
    expect(h.done.length).toBeGreaterThan(0);
    expect(h.done.length).toBeLessThan(100);
  });

  it('stops claiming after a failure, finishes the rest in flight, then rejects with it', async () => {
    const finished: number[] = [];
    const queue = Array.from({ length: 20 }, (_, i) => i);
    const loop = runClaimLoop({
      concurrency: 2,
      claim: async (limit) => queue.splice(0, limit),
      work: async (n) => {
        await tick(n === 0 ? 1 : 10);
        if (n === 0) throw new Error('database down');
        finished.push(n);
      },
    });
    await expect(loop).rejects.toThrow('database down');
    expect(finished).toEqual([1]);
  });

  it('claims again when a piece finished while an empty claim was under way (its slot was not seen by that claim)', async () => {
    const pending = ['a', 'b'];
    const done: string[] = [];
    let running = 0;
    let finish = (): void => undefined;
    await runClaimLoop<string>({
      concurrency: 2,
      claim: async () => {
        if (running > 0) {
          // A host at its limit: nothing claimable in this claim's view, while the running piece finishes meanwhile.
          finish();
          await tick(10);
          return [];
        }
        const item = pending.shift();
        if (item === undefined) return [];
        running += 1;
        return [item];
      },
      work: (item) => new Promise<void>((resolve) => {
        finish = () => {
          running -= 1;
          done.push(item);
          resolve();
        };
      }),
    });
    expect(done).toEqual(['a', 'b']);
  });
});
