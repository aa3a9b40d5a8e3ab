import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fetchFeed } from '../../src/fetch/index.js';
import { runClaimedPass } from '../../src/ingest/index.js';
import type { IngestSettings, PassSummary } from '../../src/ingest/index.js';
import { countItems, createDatabase, getSource, syncSources } from '../../src/store/index.js';
import type { DatabaseHandle } from '../../src/store/index.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { startOrigin } from '../support/origin.js';
import type { Origin } from '../support/origin.js';

// A lease far shorter than the document takes: the fetch deadline is what bounds the work, not the lease.
const LEASE_MS = 1_500;
const settings: IngestSettings = {
  userAgent: 'feedloom-test', timeoutMs: 20_000, maxBytes: 1_000_000, allowPrivateNetworks: true,
  defaultIntervalMs: 30 * 60_000, minIntervalMs: 5 * 60_000, maxIntervalMs: 24 * 3_600_000,
};

const HEAD = '<rss version="2.0"><channel><title>Slow</title><link>https://example.com/</link>';
const TAIL = '<item><guid>slow-1</guid><title>Slow but healthy</title></item></channel></rss>';

let origin: Origin;
/** Ends the slow bodies of the requests in flight (the test decides when). */
const finishers: (() => void)[] = [];
const finish = () => finishers.splice(0).forEach((end) => end());
/** Set when the client went away before the body was finished. */
let abandoned = false;

beforeAll(async () => {
  origin = await startOrigin();
  origin.route('/slow', (_req, res: ServerResponse) => {
    abandoned = false;
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.write(HEAD);
    finishers.push(() => res.end(TAIL));
    res.on('close', () => {
      if (!res.writableFinished) abandoned = true;
    });
  });
});
afterAll(() => origin.close());

function pass(handle: DatabaseHandle, owner: string): Promise<PassSummary> {
  return runClaimedPass(settings, { db: handle.db, fetch: (request) => fetchFeed(request) }, {
    concurrency: 2, perHostConcurrency: 2, owner, leaseMs: LEASE_MS, scope: { kind: 'all' }, configured: () => undefined,
  });
}

/** Wait (polling) until the origin has seen the first request for /slow; fail if the pass ends first. */
async function requestArrived(running: Promise<PassSummary>): Promise<void> {
  let ended = false;
  void running.finally(() => (ended = true));
  while (origin.requestsTo('/slow').length === 0) {
    if (ended) throw new Error(`the pass ended without fetching /slow: ${JSON.stringify(await running)}`);
    await sleep(20);
  }
}

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'lease renewal', (current) => {
    let other: DatabaseHandle;
    const setUp = async () => {
      origin.clearRequests();
      await syncSources(current().db, [{ id: 'slow', url: origin.urlFor('/slow'), tags: [], enabled: true, priority: 0 }]);
      // A second connection pool to the same database: the other process.
      other = await createDatabase(current().url);
    };

    it('a document slower than the lease is fetched once by two concurrent passes: its lease is renewed', async () => {
      await setUp();
      try {
        const first = pass(current(), 'worker-a');
        await requestArrived(first);
        // Three lease lengths into the slow body: without renewal the lease ran out long ago.
        await sleep(3 * LEASE_MS);
        const running = pass(other, 'worker-b');
        await sleep(LEASE_MS);
        expect((await getSource(current().db, 'slow'))?.leaseOwner).toBe('worker-a');
        finish();
        const [summary, second] = await Promise.all([first, running]);
        expect(second.sources.total).toBe(0);
        expect(summary.failures).toEqual([]);
        expect(summary.items.new).toBe(1);
        expect(origin.requestsTo('/slow')).toHaveLength(1);
        const source = await getSource(current().db, 'slow');
        expect(source?.leaseOwner).toBeNull();
      } finally {
        await other.close();
      }
    });

    it('a renewal that finds the lease taken stops the fetch and reports LEASE_LOST; nothing is written', async () => {
      await setUp();
      try {
        const first = pass(current(), 'worker-a');
        await requestArrived(first);
        // Another worker took the source over (as if this one had been silent past its lease).
        await other.db.updateTable('sources')
          .set({ lease_owner: 'worker-b', lease_token: 'taken', lease_until: new Date(Date.now() + 60_000).toISOString() })
          .where('id', '=', 'slow').execute();
        // The body is never finished: only the keeper's abort can end this fetch before its 20 s deadline.
        const summary = await first;
        expect(summary.failures).toHaveLength(1);
        expect(summary.failures[0]).toMatchObject({ source: 'slow', code: 'LEASE_LOST' });
        expect(summary.failures[0]?.message).toBe('source slow: lease lost to another worker while the fetch was under way; result discarded');
        await sleep(50);
        expect(abandoned).toBe(true);
        expect(await countItems(current().db)).toBe(0);
        expect(await current().db.selectFrom('fetches').selectAll().execute()).toEqual([]);
        expect((await getSource(current().db, 'slow'))?.leaseOwner).toBe('worker-b');
      } finally {
        finish();
        await other.close();
      }
    });
  });
}
