import { expect, it } from 'vitest';
import { contentVersion, listItems, recordFetch, syncSources, vendorsOfItems } from '../../src/store/index.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { configuredSource, fetchOutcome, itemRecord } from './builders.js';

const mention = (vendorId: string, matched: string) => ({ vendorId, matched, field: 'title' as const, role: 'about' as const });

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'stories, vendors and the content version', (current) => {
    it('gives each new item its own story, ordered by the earlier of published and first seen', async () => {
      const { db } = current();
      await syncSources(db, [configuredSource('a')]);
      const past = itemRecord('past', { publishedAt: '2024-05-01T10:00:00.000Z' });
      const future = itemRecord('future', { publishedAt: '2030-01-01T00:00:00.000Z' });
      const undated = itemRecord('undated', { publishedAt: null });
      await recordFetch(db, fetchOutcome('a', { items: [past, future, undated] }));
      const items = await listItems(db, { limit: 10, sourceId: 'a' });
      const byGuid = new Map(items.map((i) => [i.guid, i]));
      expect(byGuid.get('past')?.sortAt).toBe('2024-05-01T10:00:00.000Z');
      expect(byGuid.get('future')?.sortAt).toBe('2024-06-01T12:00:00.000Z');
      expect(byGuid.get('undated')?.sortAt).toBe('2024-06-01T12:00:00.000Z');
      const stories = await db.selectFrom('stories').selectAll().orderBy('id').execute();
      expect(stories.map((s) => Number(s.id))).toEqual(items.map((i) => i.id).sort((x, y) => x - y));
      for (const item of items) expect(item.storyId).toBe(item.id);
      expect(stories.find((s) => Number(s.id) === byGuid.get('past')?.id)?.published_at).toBe('2024-05-01T10:00:00.000Z');
    });

    it('stores vendor mentions with new items and replaces them when an item changes', async () => {
      const { db } = current();
      await syncSources(db, [configuredSource('a')]);
      const v1 = { ...itemRecord('x', { title: 'VMware news' }), vendors: [mention('vmware', 'VMware')] };
      const first = await recordFetch(db, fetchOutcome('a', { items: [v1] }));
      const id = first.newItemIds[0] ?? -1;
      expect(await vendorsOfItems(db, [id])).toEqual(new Map([[id, ['vmware']]]));
      const v2 = { ...itemRecord('x', { title: 'Broadcom and Red Hat news' }), vendors: [mention('broadcom', 'Broadcom'), mention('redhat', 'Red Hat')] };
      const second = await recordFetch(db, fetchOutcome('a', { startedAt: '2024-06-02T12:00:00.000Z', items: [v2] }));
      expect(second.updatedItemIds).toEqual([id]);
      expect(await vendorsOfItems(db, [id])).toEqual(new Map([[id, ['broadcom', 'redhat']]]));
      const rows = await db.selectFrom('item_vendors').selectAll().where('item_id', '=', id).orderBy('vendor_id').execute();
      expect(rows.map((r) => [r.vendor_id, r.matched, r.field])).toEqual([['broadcom', 'Broadcom', 'title'], ['redhat', 'Red Hat', 'title']]);
      const story = await db.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(story.updated_at).toBe('2024-06-02T12:00:00.000Z');
    });

    it('bumps the content version only when items are added or changed', async () => {
      const { db } = current();
      await syncSources(db, [configuredSource('a')]);
      const v0 = await contentVersion(db);
      await recordFetch(db, fetchOutcome('a', { items: [itemRecord('one')] }));
      const v1 = await contentVersion(db);
      expect(v1).toBe(v0 + 1);
      await recordFetch(db, fetchOutcome('a', { items: [itemRecord('one')] }));
      await recordFetch(db, fetchOutcome('a', { notModified: true, status: 304 }));
      await recordFetch(db, fetchOutcome('a', { error: { code: 'TIMEOUT', message: 'slow' }, status: null }));
      expect(await contentVersion(db)).toBe(v1);
      await recordFetch(db, fetchOutcome('a', { items: [itemRecord('one', { title: 'changed' })] }));
      expect(await contentVersion(db)).toBe(v1 + 1);
    });
  });
}
