import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { reportPass, reportSource } from '../../src/cli/pass-report.js';
import { fetchFeed } from '../../src/fetch/index.js';
import { runIngestPass } from '../../src/ingest/index.js';
import { createLogger } from '../../src/log/index.js';
import { createServer } from '../../src/server/index.js';
import { passesSince, syncSources } from '../../src/store/index.js';
import { parsePrometheus, sampleValue } from '../server/prometheus-parser.js';
import { fakeSite } from '../server/fake-site.js';
import { send } from '../server/http-client.js';
import { configuredSource } from '../store/builders.js';
import { describeDatabase } from '../support/databases.js';
import { startOrigin } from '../support/origin.js';
import type { Origin } from '../support/origin.js';

let origin: Origin;
beforeAll(async () => {
  origin = await startOrigin();
  origin.route('/feed', { body: readFileSync(path.resolve(process.cwd(), '../shared/corpora/real-world/feedjira__AmazonWebServicesBlog.xml')) });
  origin.route('/down', { status: 503, body: 'no' });
});
afterAll(() => origin.close());

describeDatabase('sqlite', 'metrics after an ingestion pass', (current) => {
  it('/metrics has the default process metrics and the pass and fetch histograms filled by the pass', async () => {
    const db = current().db;
    await syncSources(db, [configuredSource('feed', { url: origin.urlFor('/feed') }), configuredSource('down', { url: origin.urlFor('/down') })]);
    const logger = createLogger('silent');
    const scrape = async () => {
      const server = await createServer({ site: fakeSite({}), db, logger, csp: "default-src 'none'", port: 0 });
      try {
        const res = await send((await server.listen()).url, '/metrics');
        return parsePrometheus(res.body.toString());
      } finally {
        await server.close();
      }
    };
    const before = await scrape();
    const count = (m: typeof before, result: string) => sampleValue(m, 'feedloom_fetch_duration_seconds_count', { result }) ?? 0;
    const passes = sampleValue(before, 'feedloom_ingest_pass_duration_seconds_count') ?? 0;

    const summary = await runIngestPass(
      ['feed', 'down'].map((id) => ({ id, url: origin.urlFor(`/${id}`), etag: null, lastModified: null, errorCount: 0 })),
      { userAgent: 'test', timeoutMs: 5000, maxBytes: 1 << 24, allowPrivateNetworks: true, defaultIntervalMs: 1_800_000, minIntervalMs: 300_000, maxIntervalMs: 86_400_000 },
      { db, fetch: (r) => fetchFeed(r) },
      { concurrency: 2, perHostConcurrency: 2, onProgress: (_d, _t, result) => reportSource(logger, result) },
    );
    await reportPass(db, 'test', summary);

    const after = await scrape();
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_p99_seconds', 'nodejs_heap_size_used_bytes', 'nodejs_gc_duration_seconds']) {
      expect(after.types.has(name), name).toBe(true);
    }
    expect(after.types.get('feedloom_ingest_pass_duration_seconds')).toBe('histogram');
    expect(sampleValue(after, 'feedloom_ingest_pass_duration_seconds_count')).toBe(passes + 1);
    expect(sampleValue(after, 'feedloom_ingest_pass_duration_seconds_bucket', { le: '+Inf' })).toBe(passes + 1);
    expect(count(after, 'ok') - count(before, 'ok')).toBe(1);
    expect(count(after, 'error') - count(before, 'error')).toBe(1);
    const buckets = after.samples.filter((s) => s.name === 'feedloom_fetch_duration_seconds_bucket' && s.labels['result'] === 'ok');
    expect(buckets.length).toBeGreaterThan(5);
    expect(buckets.at(-1)?.value).toBe(count(after, 'ok'));
    // The store's counters see the same pass.
    expect(sampleValue(after, 'feedloom_fetches_total', { result: 'error', code: 'HTTP_STATUS' })).toBe(1);
    expect(sampleValue(after, 'feedloom_items_total', { outcome: 'new' })).toBe(summary.items.new);
    expect(await passesSince(db, new Date(Date.now() - 60_000))).toMatchObject([{ owner: 'test', sources: 2, failed: 1, itemsNew: summary.items.new }]);
  }, 30_000);
});
