import { afterAll, beforeAll, expect, it } from 'vitest';
import { countItems } from '../../src/store/index.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { ingestCli } from '../support/ingest-cli.js';
import type { IngestCli } from '../support/ingest-cli.js';
import { rssFeed, tinyTagsFeed } from '../support/heavy-feeds.js';
import { startOrigin } from '../support/origin.js';
import type { Origin } from '../support/origin.js';

const BUDGET_MS = 1000;
const healthy = rssFeed([
  { guid: 'one', title: 'One', description: 'The first story.' },
  { guid: 'two', title: 'Two', description: 'The second story.' },
]);

let origin: Origin;
let cli: IngestCli;

beforeAll(async () => {
  origin = await startOrigin();
  cli = ingestCli('feedloom-cpu-budget-', {
    fetch: { allowPrivateNetworks: true, timeoutMs: 10_000, maxBytes: 32 * 1024 * 1024 },
    limits: { cpuBudgetMs: BUDGET_MS },
    sources: [{ id: 'busy', url: origin.urlFor('/busy') }],
  });
});

afterAll(async () => {
  await origin.close();
  cli.remove();
});

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'a document over the CPU budget', (current) => {
    it('fails its fetch with TOO_COMPLEX naming limits.cpuBudgetMs, and what was stored stays as it was', { timeout: 120_000 }, async () => {
      origin.route('/busy', { body: healthy, headers: { 'content-type': 'application/rss+xml' } });
      expect((await cli.ingest(current().url)).code).toBe(0);
      const before = await current().db.selectFrom('items').select(['guid', 'title', 'content_hash']).orderBy('guid').execute();
      expect(before.map((row) => row.guid)).toEqual(['one', 'two']);

      // 12 MB of tiny tags in one item: seconds of sanitising, far over a one-second budget.
      origin.route('/busy', { body: tinyTagsFeed(1_500_000), headers: { 'content-type': 'application/rss+xml' } });
      const second = JSON.parse((await cli.ingest(current().url)).stdout) as { failures: { source: string; code: string; message: string }[] };
      expect(second.failures).toEqual([{
        source: 'busy', url: origin.urlFor('/busy'), code: 'TOO_COMPLEX',
        message: expect.stringContaining(`limits.cpuBudgetMs (${BUDGET_MS} ms)`),
      }]);
      expect(await countItems(current().db)).toBe(2);
      expect(await current().db.selectFrom('items').select(['guid', 'title', 'content_hash']).orderBy('guid').execute()).toEqual(before);
      const rows = await current().db.selectFrom('fetches').select('error_code').orderBy('id').execute();
      expect(rows.map((r) => r.error_code)).toEqual([null, 'TOO_COMPLEX']);
    });
  });
}
