import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { manyItemsFeed, rssFeed, tinyTagsFeed } from '../support/heavy-feeds.js';
import { startOrigin } from '../support/origin.js';
import type { Origin } from '../support/origin.js';

// The pass: two heavy documents beside twelve healthy sources that answer in 300 ms, with a 3 s fetch
// deadline. Read on the main thread, either heavy document blocks the event loop for seconds (here in the same
// process as the origin), and the healthy fetches time out or lose their leases; in the CPU pool they cannot.
const HEALTHY = Array.from({ length: 12 }, (_, i) => `healthy-${i + 1}`);
const HEAVY = ['tiny-tags', 'many-items'];
const RSS = { 'content-type': 'application/rss+xml' };

interface Summary {
  durationMs: number;
  sources: { total: number; ok: number; failed: number };
  failures: { source: string; code: string; message: string }[];
}

let origin: Origin;
let folder: string;

beforeAll(async () => {
  origin = await startOrigin();
  for (const id of HEALTHY) {
    const body = rssFeed([1, 2, 3].map((n) => ({ guid: `${id}-${n}`, title: `${id} story ${n}`, description: `Story ${n} of ${id}.` })));
    origin.route(`/${id}`, async (_req, res) => {
      await sleep(300);
      res.writeHead(200, RSS).end(body);
    });
  }
  origin.route('/tiny-tags', { body: Buffer.from(tinyTagsFeed(1_000_000)), headers: RSS });
  origin.route('/many-items', { body: Buffer.from(manyItemsFeed(50_000)), headers: RSS });
  folder = mkdtempSync(path.join(tmpdir(), 'feedloom-heavy-'));
  writeFileSync(path.join(folder, 'feeds.config.json'), JSON.stringify({
    fetch: { allowPrivateNetworks: true, timeoutMs: 3000, concurrency: 16, perHostConcurrency: 16, maxBytes: 32 * 1024 * 1024 },
    limits: { cpuBudgetMs: 500 },
    sources: [...HEAVY, ...HEALTHY].map((id) => ({ id, url: origin.urlFor(`/${id}`) })),
  }));
});

afterAll(async () => {
  await origin.close();
  rmSync(folder, { recursive: true, force: true });
});

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'a pass with heavy documents beside healthy sources', (current) => {
    it('stores every healthy source, ends the heavy ones capped or coded, and finishes', { timeout: 180_000 }, async () => {
      let stdout = '';
      const env = { DATABASE_URL: current().url, FEEDLOOM_CONFIG: path.join(folder, 'feeds.config.json') };
      const code = await main(['ingest', '--all', '--json'], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => {} }, env, cwd: folder });
      expect(code).toBe(0);
      const summary = JSON.parse(stdout) as Summary;
      expect(summary.sources.total).toBe(HEAVY.length + HEALTHY.length);
      for (const failure of summary.failures) expect(['TIMEOUT', 'LEASE_LOST']).not.toContain(failure.code);
      expect(summary.failures.filter((f) => HEALTHY.includes(f.source))).toEqual([]);
      // Each heavy one is coded (over the CPU budget), or capped (stored, with a warning that says what was left out).
      const heavyFailures = summary.failures.filter((f) => HEAVY.includes(f.source));
      for (const failure of heavyFailures) expect(failure.code, failure.source).toBe('TOO_COMPLEX');
      // Capped (by the caps of issue 9: 5,000 items, 512 KB of HTML per field, at most): nothing over them was stored.
      const capped = HEAVY.filter((id) => !heavyFailures.some((f) => f.source === id));
      for (const id of capped) {
        const rows = await current().db.selectFrom('items').select(['summary_html', 'content_html']).where('source_id', '=', id).execute();
        expect(rows.length, id).toBeLessThanOrEqual(5_000);
        for (const row of rows) expect(row.summary_html.length + row.content_html.length, id).toBeLessThanOrEqual(1024 * 1024);
      }
      const stored = await current().db.selectFrom('items').select(({ fn }) => ['source_id', fn.countAll<number>().as('n')]).groupBy('source_id').execute();
      const counts = new Map(stored.map((row) => [row.source_id, Number(row.n)]));
      for (const id of HEALTHY) expect(counts.get(id), id).toBe(3);
      // Bounded, loosely: the heavy documents are cut at their budget instead of taking the pass with them.
      expect(summary.durationMs).toBeLessThan(90_000);
    });
  });
}
