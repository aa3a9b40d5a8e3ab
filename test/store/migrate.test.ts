import { expect, it } from 'vitest';
import { Migrator } from 'kysely';
import { migrateDownAll, migrateToLatest, migrationStatus, searchItems } from '../../src/store/index.js';
import { migrations } from '../../migrations/index.js';
import type { DatabaseHandle } from '../../src/store/index.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';

const TABLES = ['fetch_totals', 'fetches', 'ingest_passes', 'item_features', 'item_keys', 'item_search', 'item_tombstones', 'item_vendors', 'items', 'site_state', 'sources', 'stories', 'story_matches', 'story_redirects'];

async function tableNames(handle: DatabaseHandle): Promise<string[]> {
  const tables = await handle.db.introspection.getTables();
  // SQLite keeps an FTS5 table's index in shadow tables of its own: they come and go with it.
  return tables.map((table) => table.name).filter((name) => !/^item_search_(config|data|docsize|idx|content)$/.test(name)).sort();
}

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'migrations', (current) => {
    it('creates every table on an empty database, then has nothing left to do', async () => {
      const handle = current();
      expect(await tableNames(handle)).toEqual([]);

      const results = await migrateToLatest(handle.db);
      expect(results.map((r) => [r.migrationName, r.direction, r.status])).toEqual(
        Object.keys(migrations).map((name) => [name, 'Up', 'Success']),
      );
      expect(await tableNames(handle)).toEqual(TABLES);
      expect(await migrateToLatest(handle.db)).toEqual([]);
      expect(await migrationStatus(handle.db)).toEqual(Object.keys(migrations).map((name) => ({ name, applied: true })));
    });

    it('creates the columns the repositories use', async () => {
      const handle = current();
      await migrateToLatest(handle.db);
      const tables = await handle.db.introspection.getTables();
      const columns = Object.fromEntries(tables.map((t) => [t.name, t.columns.map((c) => c.name).sort()]));
      expect(columns['items']).toEqual(expect.arrayContaining([
        'id', 'source_id', 'guid', 'guid_key', 'url', 'canonical_url', 'title', 'summary_html', 'content_html', 'text',
        'authors', 'categories', 'enclosures', 'published_at', 'updated_at', 'first_seen_at', 'last_seen_at',
        'content_hash', 'fingerprint', 'story_id',
      ]));
      expect(columns['sources']).toEqual(expect.arrayContaining(['lease_owner', 'lease_token', 'lease_until', 'redirect_url', 'next_fetch_at']));
      const fetchId = tables.find((t) => t.name === 'fetches')?.columns.find((c) => c.name === 'id');
      expect(fetchId?.isAutoIncrementing).toBe(true);
    });

    it('rolls every migration back, and can migrate up again', async () => {
      const handle = current();
      await migrateToLatest(handle.db);
      const down = await migrateDownAll(handle.db);
      expect(down.map((r) => [r.direction, r.status])).toEqual(Object.keys(migrations).map(() => ['Down', 'Success']));
      expect(await tableNames(handle)).toEqual([]);
      expect((await migrationStatus(handle.db)).every((m) => !m.applied)).toBe(true);

      await migrateToLatest(handle.db);
      expect(await tableNames(handle)).toEqual(TABLES);
    });

    it('indexes the items stored before the search migration', async () => {
      const handle = current();
      const provider = { getMigrations: () => Promise.resolve(migrations) };
      const settled = await new Migrator({ db: handle.db, provider }).migrateTo('0008_story_engine');
      expect(settled.error).toBeUndefined();
      const now = '2026-11-01T10:00:00.000Z';
      await handle.db.insertInto('sources').values({ id: 'lwn', url: 'https://lwn.net/rss', title: 'LWN.net', tags: '[]', enabled: 1, priority: 0, created_at: now, updated_at: now }).execute();
      await handle.db.insertInto('items').values({
        source_id: 'lwn', guid: 'a', guid_key: 'ka', url: null, canonical_url: null, title: 'Kernel patches land', summary_html: '', content_html: '',
        text: 'Maintainers merged the scheduler fixes.', authors: '[]', categories: '[]', enclosures: '[]', published_at: now, updated_at: null, first_seen_at: now, last_seen_at: now, content_hash: 'h',
        fingerprint: null, story_id: 7, sort_at: now,
      }).execute();
      await handle.db.insertInto('stories').values({ id: 7, published_at: now, updated_at: now, item_count: 1, source_count: 1 }).execute();
      await migrateToLatest(handle.db);
      for (const word of ['patch', 'scheduler', 'lwn']) {
        expect((await searchItems(handle.db, { phrases: [word], limit: 5, offset: 0, order: 'newest' })).hits.map((h) => h.title), word).toEqual(['Kernel patches land']);
      }
    });
  }, { migrate: false });
}
