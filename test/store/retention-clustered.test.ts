import { expect, it } from 'vitest';
import { runIngestPass } from '../../src/ingest/index.js';
import type { FetchResult } from '../../src/model/index.js';
import { purgeItems, syncSources } from '../../src/store/index.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';

function feed(source: string): FetchResult {
  const items = [1, 2, 3].map((n) => `<item><title>Vendor ships product ${n} to cloud customers</title><link>https://vendor.example/p${n}?utm_source=${source}</link>
<guid>${source}-${n}</guid><description>Vendor Corp has shipped product ${n} to its cloud customers in Europe and Asia.</description></item>`).join('');
  const body = Buffer.from(`<rss version="2.0"><channel><title>${source}</title>${items}</channel></rss>`);
  return {
    url: `https://${source}.example/`, finalUrl: `https://${source}.example/`, status: 200, notModified: false, headers: {}, contentType: 'application/rss+xml',
    etag: undefined, lastModified: undefined, body, wireBytes: body.length, durationMs: 1, redirects: [], permanentRedirect: undefined,
  };
}

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'retention of clustered items', (current) => {
    it('purges items with their features, index keys, story matches, tags and stories, and old fetch rows', async () => {
      const { db } = current();
      await syncSources(db, ['a', 'b'].map((id) => ({ id, url: `https://${id}.example/`, tags: [], enabled: true, priority: 0 })));
      await runIngestPass(
        ['a', 'b'].map((id) => ({ id, url: `https://${id}.example/`, etag: null, lastModified: null, errorCount: 0 })),
        { userAgent: 't', timeoutMs: 1000, maxBytes: 1 << 20, allowPrivateNetworks: false, defaultIntervalMs: 1_800_000, minIntervalMs: 300_000, maxIntervalMs: 86_400_000 },
        { db, fetch: async (r) => feed(r.url.includes('//a.') ? 'a' : 'b') },
        { concurrency: 1, perHostConcurrency: 1 },
      );
      const count = async (table: 'items' | 'item_features' | 'item_keys' | 'story_matches' | 'stories' | 'fetches') =>
        Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      expect(await count('items')).toBe(6);
      expect(await count('stories')).toBe(3);
      expect(await count('item_features')).toBe(6);
      expect(await count('item_keys')).toBeGreaterThan(0);
      expect(await count('story_matches')).toBe(3);
      expect(await count('fetches')).toBe(2);
      const purged = await purgeItems(db, { before: new Date(Date.now() + 60_000), now: new Date() });
      expect(purged).toEqual({ items: 6, stories: 3, fetches: 2 });
      for (const table of ['items', 'item_features', 'item_keys', 'story_matches', 'stories', 'fetches'] as const) expect(await count(table), table).toBe(0);
    });
  });
}
