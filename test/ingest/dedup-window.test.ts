import { expect, it } from 'vitest';
import { runIngestPass } from '../../src/ingest/index.js';
import type { IngestSettings } from '../../src/ingest/index.js';
import type { FetchResult } from '../../src/model/index.js';
import { syncSources } from '../../src/store/index.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';

const SETTINGS: IngestSettings = {
  userAgent: 'test', timeoutMs: 1000, maxBytes: 1 << 20, allowPrivateNetworks: false,
  defaultIntervalMs: 1_800_000, minIntervalMs: 300_000, maxIntervalMs: 86_400_000,
};

/** Two outlets link the same article (one with tracking parameters), ten days apart. */
function feed(source: string): FetchResult {
  const [link, date] = source === 'a'
    ? ['https://vendor.example/news/launch', 'Mon, 01 Jan 2024 10:00:00 GMT']
    : ['https://www.vendor.example/news/launch/?utm_source=rss', 'Thu, 11 Jan 2024 10:00:00 GMT'];
  const body = Buffer.from(`<rss version="2.0"><channel><title>${source}</title><item><title>Vendor launches a thing (${source})</title>
<link>${link}</link><guid>${source}-1</guid><pubDate>${date}</pubDate><description>Words ${source}.</description></item></channel></rss>`);
  return {
    url: `https://${source}.example/feed`, finalUrl: `https://${source}.example/feed`, status: 200, notModified: false, headers: {},
    contentType: 'application/rss+xml', etag: undefined, lastModified: undefined, body, wireBytes: body.length, durationMs: 1, redirects: [], permanentRedirect: undefined,
  };
}

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'the dedup window from the config', (current) => {
    for (const [windowDays, stories] of [[7, 2], [30, 1]] as const) {
      it(`with a ${windowDays}-day window, two tellings ten days apart make ${stories} stor${stories === 1 ? 'y' : 'ies'}`, async () => {
        const { db } = current();
        await syncSources(db, ['a', 'b'].map((id) => ({ id, url: `https://${id}.example/feed`, tags: [], enabled: true, priority: 0 })));
        for (const id of ['a', 'b']) {
          await runIngestPass(
            [{ id, url: `https://${id}.example/feed`, etag: null, lastModified: null, errorCount: 0 }],
            { ...SETTINGS, dedupWindowMs: windowDays * 86_400_000 },
            { db, fetch: async (request) => feed(request.url.includes('//a.') ? 'a' : 'b') },
            { concurrency: 1, perHostConcurrency: 1 },
          );
        }
        const rows = await db.selectFrom('items').select(['story_id']).execute();
        expect(rows).toHaveLength(2);
        expect(new Set(rows.map((r) => r.story_id)).size).toBe(stories);
      });
    }
  });
}
