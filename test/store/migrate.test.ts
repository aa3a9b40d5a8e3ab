import { expect, it } from 'vitest';
import { migrateDownAll, migrateToLatest, migrationStatus } from '../../src/store/index.js';
import { migrations } from '../../migrations/index.js';
import type { DatabaseHandle } from '../../src/store/index.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';

const TABLES = ['fetch_totals', 'fetches', 'item_features', 'item_keys', 'item_tombstones', 'item_vendors', 'items', 'site_state', 'sources', 'stories', 'story_matches', 'story_redirects'];

async function tableNames(handle: DatabaseHandle): Promise<string[]> {
  const tables = await handle.db.introspection.getTables();
  return tables.map((table) => table.name).sort();
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
  }, { migrate: false });
}
