import { expect, it } from 'vitest';
import { contentVersion, countItems, countTombstones, purgeItems, readStoreMetrics, recordFetch, retentionCutoff, syncSources } from '../../src/store/index.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { configuredSource, fetchOutcome, itemRecord } from './builders.js';

const OLD = '2025-01-01T00:00:00.000Z';
const NEW = '2026-03-01T00:00:00.000Z';
const vendors = [{ vendorId: 'vmware', matched: 'VMware', field: 'title' as const, role: 'about' as const }];

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'retention', (current) => {
    it('purges old items in batches, leaving tombstones, and cleans their tags and stories', async () => {
      const { db } = current();
      await syncSources(db, [configuredSource('a'), configuredSource('b')]);
      const old = Array.from({ length: 5 }, (_, i) => ({ ...itemRecord(`old-${i}`), vendors }));
      await recordFetch(db, fetchOutcome('a', { startedAt: OLD, items: old }));
      await recordFetch(db, fetchOutcome('b', { startedAt: NEW, items: [itemRecord('new-0'), itemRecord('new-1')] }));
      // A newer item of b joins the story founded by an old item of a: that story must survive, recounted.
      const founder = await db.selectFrom('items').select(['id', 'story_id']).where('guid', '=', 'old-0').executeTakeFirstOrThrow();
      const joiner = await db.selectFrom('items').select(['id', 'story_id']).where('guid', '=', 'new-0').executeTakeFirstOrThrow();
      await db.updateTable('items').set({ story_id: founder.story_id }).where('id', '=', joiner.id).execute();
      await db.updateTable('stories').set({ item_count: 2, source_count: 2 }).where('id', '=', founder.story_id ?? -1).execute();
      await db.deleteFrom('stories').where('id', '=', joiner.story_id ?? -1).execute();
      const versionBefore = await contentVersion(db);

      const result = await purgeItems(db, { before: '2026-01-01T00:00:00.000Z', batchSize: 2, now: NEW });

      expect(result).toEqual({ items: 5, stories: 4, fetches: 1 });
      expect(await countItems(db)).toBe(2);
      expect(await countTombstones(db, { sourceId: 'a' })).toBe(5);
      expect(await db.selectFrom('item_vendors').selectAll().execute()).toEqual([]);
      const stories = await db.selectFrom('stories').selectAll().orderBy('id').execute();
      expect(stories).toHaveLength(2);
      const shared = stories.find((s) => s.id === founder.story_id);
      expect(shared).toMatchObject({ item_count: 1, source_count: 1 });
      expect(await contentVersion(db)).toBeGreaterThan(versionBefore);
      expect(await purgeItems(db, { before: '2026-01-01T00:00:00.000Z' })).toEqual({ items: 0, stories: 0, fetches: 0 });
    });

    it('a feed still listing a purged item does not bring it back', async () => {
      const { db } = current();
      await syncSources(db, [configuredSource('a')]);
      await recordFetch(db, fetchOutcome('a', { startedAt: OLD, items: [itemRecord('x'), itemRecord('y')] }));
      await purgeItems(db, { before: '2026-01-01T00:00:00.000Z' });
      const again = await recordFetch(db, fetchOutcome('a', { startedAt: NEW, items: [itemRecord('x'), itemRecord('y'), itemRecord('z')] }));
      expect(again.itemsNew).toBe(1);
      const rows = await db.selectFrom('items').select('guid').execute();
      expect(rows.map((r) => r.guid)).toEqual(['z']);
      const fetch = await db.selectFrom('fetches').select(['items_seen', 'items_new']).orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(fetch).toEqual({ items_seen: 3, items_new: 1 });
      // The tombstone is per source: another source may carry the same guid.
      await syncSources(db, [configuredSource('a'), configuredSource('b')]);
      expect((await recordFetch(db, fetchOutcome('b', { startedAt: NEW, items: [itemRecord('x')] }))).itemsNew).toBe(1);
    });

    it('keeps the fetch counters /metrics reports when old fetch rows are purged', async () => {
      const { db } = current();
      await syncSources(db, [configuredSource('a'), configuredSource('b')]);
      await recordFetch(db, fetchOutcome('a', { startedAt: OLD, items: [itemRecord('x'), itemRecord('y')] }));
      await recordFetch(db, fetchOutcome('a', { startedAt: OLD, status: 304, notModified: true, bytes: 0, items: [] }));
      await recordFetch(db, fetchOutcome('b', { startedAt: OLD, status: null, bytes: 0, items: [], error: { code: 'TIMEOUT', message: 'slow' } }));
      await recordFetch(db, fetchOutcome('b', { startedAt: OLD, status: null, bytes: 0, items: [], error: { code: 'TIMEOUT', message: 'slow' } }));
      await recordFetch(db, fetchOutcome('b', { startedAt: NEW, items: [itemRecord('z')] }));
      const before = await readStoreMetrics(db);
      expect(before.fetches).toEqual([
        { result: 'error', code: 'TIMEOUT', count: 2 }, { result: 'not_modified', code: '304', count: 1 }, { result: 'ok', code: '200', count: 2 },
      ]);

      expect((await purgeItems(db, { before: '2026-01-01T00:00:00.000Z', batchSize: 2, now: NEW })).fetches).toBe(4);
      expect(await db.selectFrom('fetches').select('id').execute()).toHaveLength(1);
      const after = await readStoreMetrics(db);
      expect(after.fetches).toEqual(before.fetches);
      expect({ seen: after.itemsSeen, new: after.itemsNew, updated: after.itemsUpdated })
        .toEqual({ seen: before.itemsSeen, new: before.itemsNew, updated: before.itemsUpdated });
      expect(after.itemsNew).toBe(3);

      // Later attempts add to the totals.
      await recordFetch(db, fetchOutcome('b', { startedAt: NEW, status: null, bytes: 0, items: [], error: { code: 'TIMEOUT', message: 'slow' } }));
      expect((await readStoreMetrics(db)).fetches[0]).toEqual({ result: 'error', code: 'TIMEOUT', count: 3 });
    });

    it('keeps everything when retention.days is 0', () => {
      expect(retentionCutoff(0)).toBeUndefined();
      expect(retentionCutoff(30, new Date(NEW))?.toISOString()).toBe('2026-01-30T00:00:00.000Z');
    });
  });
}
