import { sql } from 'kysely';
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

function rss(title: string): FetchResult {
  const body = Buffer.from(`<rss version="2.0"><channel><title>t</title><item><title>${title}</title><guid>${title}</guid></item></channel></rss>`);
  return {
    url: 'https://x.example/', finalUrl: 'https://x.example/', status: 200, notModified: false, headers: {}, contentType: 'application/rss+xml',
    etag: '"e1"', lastModified: undefined, body, wireBytes: body.length, durationMs: 1, redirects: [], permanentRedirect: undefined,
  };
}

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'ingest when the database refuses one source\'s items', (current) => {
    it('records that source as a DATABASE failure and goes on with the others', async () => {
      const { db } = current();
      // A trigger that refuses one title: a stand-in for any row the database will not take.
      if (dialect === 'sqlite') {
        await sql`create trigger poison before insert on items when new.title = 'poison' begin select raise(abort, 'poisoned row'); end`.execute(db);
      } else {
        await sql`create function poison() returns trigger language plpgsql as $$ begin
          if new.title = 'poison' then raise exception 'poisoned row'; end if; return new; end $$`.execute(db);
        await sql`create trigger poison before insert on items for each row execute function poison()`.execute(db);
      }
      await syncSources(db, ['bad', 'good'].map((id) => ({ id, url: `https://${id}.example/feed`, tags: [], enabled: true, priority: 0 })));
      const summary = await runIngestPass(
        [{ id: 'bad', url: 'https://bad.example/feed', etag: null, lastModified: null, errorCount: 0 }, { id: 'good', url: 'https://good.example/feed', etag: null, lastModified: null, errorCount: 0 }],
        SETTINGS,
        { db, fetch: async (request) => rss(request.url.includes('bad') ? 'poison' : 'fine') },
        { concurrency: 1, perHostConcurrency: 1 },
      );
      expect(summary.sources).toMatchObject({ ok: 1, failed: 1 });
      expect(summary.failures).toMatchObject([{ source: 'bad', code: 'DATABASE' }]);
      expect(summary.failures[0]?.message).toMatch(/poisoned row/);
      const sources = await db.selectFrom('sources').select(['id', 'error_count', 'etag']).orderBy('id').execute();
      // The refused fetch keeps no validators, so the next poll fetches the feed again in full.
      expect(sources.map((s) => [s.id, s.error_count, s.etag])).toEqual([['bad', 1, null], ['good', 0, '"e1"']]);
      const items = await db.selectFrom('items').select(['source_id', 'title']).execute();
      expect(items).toEqual([{ source_id: 'good', title: 'fine' }]);
    });
  });
}
