import { describe, expect, it } from 'vitest';
import { runPool } from '../../src/ingest/pool.js';

const tick = () => new Promise((r) => setTimeout(r, 2));

describe('runPool', () => {
  it('processes every item once within both limits', async () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ i, host: `h${i % 3}` }));
    const seen: number[] = [];
    let running = 0;
    let maxRunning = 0;
    const perHost = new Map<string, number>();
    let maxPerHost = 0;
    await runPool(items, { concurrency: 5, perKey: 2, key: (x) => x.host }, async (x) => {
      running++;
      perHost.set(x.host, (perHost.get(x.host) ?? 0) + 1);
      maxRunning = Math.max(maxRunning, running);
      maxPerHost = Math.max(maxPerHost, perHost.get(x.host) ?? 0);
      await tick();
      seen.push(x.i);
      perHost.set(x.host, (perHost.get(x.host) ?? 0) - 1);
      running--;
    });
    expect(seen.sort((a, b) => a - b)).toEqual(items.map((x) => x.i));
    expect(maxRunning).toBeLessThanOrEqual(5);
    expect(maxRunning).toBeGreaterThan(1);
    expect(maxPerHost).toBe(2);
  });

  it('finishes on an empty list', async () => {
    await expect(runPool([], { concurrency: 2, perKey: 1, key: String }, async () => {})).resolves.toBeUndefined();
  });

  it('rejects when a task throws', async () => {
    await expect(
      runPool([1, 2, 3], { concurrency: 2, perKey: 2, key: () => 'k' }, async (n) => {
        if (n === 2) throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
  });
});

describe('runPool with an abort signal', () => {
  it('starts nothing new after the abort and lets in-flight work finish', async () => {
    const controller = new AbortController();
    const done: number[] = [];
    await runPool([1, 2, 3, 4, 5, 6], { concurrency: 2, perKey: 2, key: () => 'k', signal: controller.signal }, async (n) => {
      if (n === 2) controller.abort();
      await tick();
      done.push(n);
    });
    expect(done.sort()).toEqual([1, 2]);
  });
});
