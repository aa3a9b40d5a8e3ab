import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedloomError } from '../../src/model/index.js';
import { CpuBudget, CpuPool, movable, readDocument } from '../../src/work/index.js';
import type { DocumentTask } from '../../src/work/index.js';
import { rssFeed, tinyTagsFeed } from '../support/heavy-feeds.js';

const small = (): DocumentTask => ({
  kind: 'document',
  input: { body: Buffer.from(rssFeed([{ guid: 'a', title: 'A &amp; B', description: '&lt;p&gt;Hello &lt;script&gt;x&lt;/script&gt;&lt;/p&gt;' }])), url: 'https://example.com/feed' },
});
const heavy = (): DocumentTask => ({ kind: 'document', input: { body: Buffer.from(tinyTagsFeed(1_500_000)) } });

describe('the CPU pool', () => {
  let pool: CpuPool;
  beforeAll(() => {
    pool = new CpuPool({ threads: 1 });
  });
  afterAll(async () => {
    await pool.close();
  });

  it('reads a document in a worker thread into the same plain records as in this thread', async () => {
    const inThread = readDocument(small());
    const task = small();
    const body = movable(task.input.body);
    const inPool = await pool.run({ ...task, input: { ...task.input, body } }, { transfer: [body.buffer] });
    expect(body.byteLength).toBe(0); // moved, not copied
    expect(inPool).toEqual(inThread);
    expect(inPool.ok && inPool.records[0]?.summaryHtml).toBe('<p>Hello </p>');
  });

  it('stops a document over its CPU budget with TOO_COMPLEX naming the budget, and replaces the thread', async () => {
    const budget = new CpuBudget(100);
    const error = await pool.run(heavy(), { budget }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedloomError);
    expect(error).toMatchObject({ code: 'TOO_COMPLEX' });
    expect((error as Error).message).toContain('limits.cpuBudgetMs (100 ms)');
    expect(budget.remainingMs).toBeLessThanOrEqual(0);
    // Nothing is left for a second task of the same document: it is refused without running.
    const started = pool.started;
    await expect(pool.run(small(), { budget })).rejects.toMatchObject({ code: 'TOO_COMPLEX' });
    expect(pool.started).toBe(started);
    // The next document gets a fresh thread.
    expect(await pool.run(small(), { budget: new CpuBudget(60_000) })).toMatchObject({ ok: true });
  });

  it('runs the tasks queued behind a document stopped over budget, on the thread that replaces it', async () => {
    const stopped = pool.run(heavy(), { budget: new CpuBudget(100) });
    const queued = pool.run(small());
    await expect(stopped).rejects.toMatchObject({ code: 'TOO_COMPLEX' });
    expect(await queued).toMatchObject({ ok: true });
  });

  it('charges a document what its tasks took, and leaves the rest for its next task', async () => {
    const budget = new CpuBudget(60_000);
    await pool.run(small(), { budget });
    expect(budget.spentMs).toBeGreaterThan(0);
    expect(budget.remainingMs).toBeLessThan(60_000);
  });

  it('never runs a task whose signal aborted before it started, queued or not', async () => {
    const before = pool.started;
    const aborted = AbortSignal.abort(new Error('shutting down'));
    await expect(pool.run(small(), { signal: aborted })).rejects.toThrow('shutting down');
    // One thread: the second task waits behind the first, and is aborted while it waits.
    const waiting = new AbortController();
    const first = pool.run(heavy(), { budget: new CpuBudget(60_000) });
    const second = pool.run(small(), { signal: waiting.signal });
    waiting.abort(new Error('no longer wanted'));
    await expect(second).rejects.toThrow('no longer wanted');
    await first;
    expect(pool.started).toBe(before + 1);
  });

  it('fails a document that needs more heap than a thread has with TOO_COMPLEX, and replaces the thread', async () => {
    const smallHeap = new CpuPool({ threads: 1, maxHeapMb: 64 });
    try {
      const error = await smallHeap.run(heavy()).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'TOO_COMPLEX', message: expect.stringContaining('ran out of memory (64 MB of heap)') });
      expect(await smallHeap.run(small())).toMatchObject({ ok: true });
    } finally {
      await smallHeap.close();
    }
  });
});
