import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { countItems } from '../../src/store/index.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { rssFeed, tinyTagsFeed } from '../support/heavy-feeds.js';
import { startOrigin } from '../support/origin.js';
import type { Origin } from '../support/origin.js';

const BUDGET_MS = 1000;
const healthy = rssFeed([
  { guid: 'one', title: 'One', description: 'The first story.' },
  { guid: 'two', title: 'Two', description: 'The second story.' },
]);

let origin: Origin;
let folder: string;

beforeAll(async () => {
  origin = await startOrigin();
  folder = mkdtempSync(path.join(tmpdir(), 'feedloom-cpu-budget-'));
  writeFileSync(path.join(folder, 'feeds.config.json'), JSON.stringify({
    fetch: { allowPrivateNetworks: true, timeoutMs: 10_000, maxBytes: 32 * 1024 * 1024 },
    limits: { cpuBudgetMs: BUDGET_MS },
    sources: [{ id: 'busy', url: origin.urlFor('/busy') }],
  }));
});

afterAll(async () => {
  await origin.close();
  rmSync(folder, { recursive: true, force: true });
});

async function ingest(url: string): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const env = { DATABASE_URL: url, FEEDLOOM_CONFIG: path.join(folder, 'feeds.config.json') };
  const code = await main(['ingest', '--all', '--json'], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => {} }, env, cwd: folder });
  return { code, stdout };
}

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'a document over the CPU budget', (current) => {
    it('fails its fetch with TOO_COMPLEX naming limits.cpuBudgetMs, and what was stored stays as it was', { timeout: 120_000 }, async () => {
      origin.route('/busy', { body: healthy, headers: { 'content-type': 'application/rss+xml' } });
      expect((await ingest(current().url)).code).toBe(0);
      const before = await current().db.selectFrom('items').select(['guid', 'title', 'content_hash']).orderBy('guid').execute();
      expect(before.map((row) => row.guid)).toEqual(['one', 'two']);

      // 12 MB of tiny tags in one item: seconds of sanitising, far over a one-second budget.
      origin.route('/busy', { body: tinyTagsFeed(1_500_000), headers: { 'content-type': 'application/rss+xml' } });
      const second = JSON.parse((await ingest(current().url)).stdout) as { failures: { source: string; code: string; message: string }[] };
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
