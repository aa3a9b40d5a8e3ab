import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_MAX_DEPTH } from '../../src/parse/index.js';
import { countItems } from '../../src/store/index.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { ingestCli } from '../support/ingest-cli.js';
import type { IngestCli } from '../support/ingest-cli.js';
import { startOrigin } from '../support/origin.js';
import type { Origin } from '../support/origin.js';

function rss(items: string[]): string {
  return `<rss version="2.0"><channel><title>t</title><link>https://example.com/</link>${items
    .map((body, i) => `<item><guid>g${i}</guid><title>Item ${i}</title><description>${body}</description></item>`)
    .join('')}</channel></rss>`;
}

const healthy = rss(['one', 'two']);
// The same feed a pass later, with a third item whose inline markup nests past the cap.
const deep = rss(['one', 'two', `${'<div>'.repeat(DEFAULT_MAX_DEPTH)}x${'</div>'.repeat(DEFAULT_MAX_DEPTH)}`]);

let origin: Origin;
let cli: IngestCli;

beforeAll(async () => {
  origin = await startOrigin();
  cli = ingestCli('feedloom-too-complex-', {
    fetch: { allowPrivateNetworks: true, timeoutMs: 5000 },
    sources: [{ id: 'deep', url: origin.urlFor('/deep') }],
  });
});

afterAll(async () => {
  await origin.close();
  cli.remove();
});

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'a document nested deeper than maxDepth', (current) => {
    it('fails its fetch with TOO_COMPLEX naming the cap, and what was stored stays as it was', async () => {
      origin.route('/deep', { body: healthy, headers: { 'content-type': 'application/rss+xml' } });
      expect((await cli.ingest(current().url)).code).toBe(0);
      expect(await countItems(current().db)).toBe(2);

      origin.route('/deep', { body: deep, headers: { 'content-type': 'application/rss+xml' } });
      const second = JSON.parse((await cli.ingest(current().url)).stdout) as { failures: { source: string; code: string; message: string }[] };
      expect(second.failures).toHaveLength(1);
      expect(second.failures[0]).toMatchObject({ source: 'deep', code: 'TOO_COMPLEX' });
      expect(second.failures[0]?.message).toContain(`maxDepth (${DEFAULT_MAX_DEPTH} levels) at line 1`);
      expect(await countItems(current().db)).toBe(2);
      const rows = await current().db.selectFrom('fetches').select('error_code').orderBy('id').execute();
      expect(rows.map((r) => r.error_code)).toEqual([null, 'TOO_COMPLEX']);
    });
  });
}
