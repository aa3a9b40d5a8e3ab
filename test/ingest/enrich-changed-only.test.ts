import { expect, it } from 'vitest';
import { runIngestPass } from '../../src/ingest/index.js';
import type { IngestSettings, Tagger } from '../../src/ingest/index.js';
import type { FetchResult, VendorMention } from '../../src/model/index.js';
import { syncSources } from '../../src/store/index.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';

const SETTINGS: IngestSettings = {
  userAgent: 'test', timeoutMs: 1000, maxBytes: 1 << 20, allowPrivateNetworks: false,
  defaultIntervalMs: 1_800_000, minIntervalMs: 300_000, maxIntervalMs: 86_400_000,
};

function item(n: number, text: string): string {
  return `<item><title>Story ${n}</title><link>https://a.example/${n}</link><guid>a-${n}</guid>
<pubDate>Mon, 0${n} Jan 2024 10:00:00 GMT</pubDate><description>${text}</description></item>`;
}

/** A feed served whole every time (no validators), as many publishers do. */
function served(items: string[]): FetchResult {
  const body = Buffer.from(`<rss version="2.0"><channel><title>A</title>${items.join('')}</channel></rss>`);
  return {
    url: 'https://a.example/feed', finalUrl: 'https://a.example/feed', status: 200, notModified: false, headers: {},
    contentType: 'application/rss+xml', etag: undefined, lastModified: undefined, body, wireBytes: body.length, durationMs: 1, redirects: [], permanentRedirect: undefined,
  };
}

/** A tagger that names VMware when the text says so, and counts what it was asked. */
function countingTagger(): Tagger & { titles: string[] } {
  const titles: string[] = [];
  return {
    titles,
    match(input): VendorMention[] {
      titles.push(input.title);
      return input.text.includes('VMware') ? [{ vendorId: 'vmware', matched: 'VMware', field: 'text', role: 'about' }] : [];
    },
  };
}

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'ingest enriches only new and changed items', (current) => {
    it('tags and fingerprints a re-served feed\'s new and changed items, not the unchanged ones', async () => {
      const { db } = current();
      await syncSources(db, [{ id: 'a', url: 'https://a.example/feed', tags: [], enabled: true, priority: 0 }]);
      const pass = async (items: string[], tagger: Tagger) => runIngestPass(
        [{ id: 'a', url: 'https://a.example/feed', etag: null, lastModified: null, errorCount: 0 }],
        SETTINGS, { db, fetch: async () => served(items), tagger }, { concurrency: 1, perHostConcurrency: 1 },
      );
      const first = countingTagger();
      await pass([item(1, 'One.'), item(2, 'Two.'), item(3, 'Three.')], first);
      expect(first.titles.sort()).toEqual(['Story 1', 'Story 2', 'Story 3']);
      const before = await db.selectFrom('items').select(['guid', 'fingerprint']).orderBy('guid').execute();
      expect(before.every((row) => row.fingerprint !== null)).toBe(true);

      const second = countingTagger();
      const summary = await pass([item(1, 'One.'), item(2, 'Two, now about VMware and its new release plans.'), item(3, 'Three.'), item(4, 'Four.')], second);
      expect(second.titles.sort()).toEqual(['Story 2', 'Story 4']);
      expect(summary.items).toMatchObject({ new: 1, updated: 1 });

      const after = await db.selectFrom('items').select(['guid', 'fingerprint']).orderBy('guid').execute();
      expect(after.map((row) => row.guid)).toEqual(['a-1', 'a-2', 'a-3', 'a-4']);
      expect(after.every((row) => row.fingerprint !== null)).toBe(true);
      expect(after[0]?.fingerprint).toBe(before[0]?.fingerprint);
      expect(after[1]?.fingerprint).not.toBe(before[1]?.fingerprint);
      const tags = await db.selectFrom('item_vendors').innerJoin('items', 'items.id', 'item_vendors.item_id').select(['items.guid', 'item_vendors.vendor_id']).execute();
      expect(tags).toEqual([{ guid: 'a-2', vendor_id: 'vmware' }]);
    });
  });
}
