import { expect, it } from 'vitest';
import { purgeItems, recordFetch, syncSources } from '../../src/store/index.js';
import type { Database } from '../../src/store/index.js';
import type { Kysely } from 'kysely';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { fetchOf, KERNEL, RELEASE, storyRecord } from './story-records.js';

const SOURCES = ['prn', 'bw', 'hw', 'td'].map((id) => ({ id, url: `https://${id}.example/feed`, tags: [], enabled: true, priority: 0 }));

async function storyOf(db: Kysely<Database>, itemId: number | undefined): Promise<number | null> {
  const row = await db.selectFrom('items').select('story_id').where('id', '=', itemId ?? -1).executeTakeFirstOrThrow();
  return row.story_id === null ? null : Number(row.story_id);
}

async function story(db: Kysely<Database>, id: number | null) {
  return db.selectFrom('stories').selectAll().where('id', '=', id ?? -1).executeTakeFirstOrThrow();
}

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'story assignment in recordFetch', (current) => {
    it('joins a near-duplicate from another source, keeps the story counts, and records why', async () => {
      const { db } = current();
      await syncSources(db, SOURCES);
      const first = await recordFetch(db, fetchOf('prn', '2024-05-07T12:00:00.000Z', [storyRecord('p1', { title: 'Northwind Hosting Opens Frankfurt Data Center', body: RELEASE, publishedAt: '2024-05-07T11:00:00.000Z' })]));
      const second = await recordFetch(db, fetchOf('bw', '2024-05-07T15:00:00.000Z', [
        storyRecord('b1', { title: 'Northwind Hosting Expands to Germany', body: RELEASE, publishedAt: '2024-05-07T11:30:00.000Z' }),
        storyRecord('b2', { title: 'Linux 6.9 released', body: KERNEL, publishedAt: '2024-05-07T12:00:00.000Z' }),
      ]));
      const [p1] = first.newItemIds;
      const [b1, b2] = second.newItemIds;
      expect(await storyOf(db, b1)).toBe(p1);
      expect(await storyOf(db, b2)).toBe(b2);
      const joined = await story(db, p1 ?? null);
      expect([joined.item_count, joined.source_count, joined.published_at, joined.updated_at])
        .toEqual([2, 2, '2024-05-07T11:00:00.000Z', '2024-05-07T15:00:00.000Z']);
      const match = await db.selectFrom('story_matches').selectAll().where('item_id', '=', b1 ?? -1).executeTakeFirstOrThrow();
      expect([Number(match.matched_item_id), match.rule]).toEqual([p1, 'same-text']);
      expect(await db.selectFrom('story_matches').select('item_id').where('item_id', 'in', [p1 ?? -1, b2 ?? -1]).execute()).toEqual([]);
      const bands = await db.selectFrom('item_bands').select((eb) => eb.fn.countAll<number>().as('n')).where('item_id', '=', b1 ?? -1).executeTakeFirstOrThrow();
      expect(Number(bands.n)).toBe(16);
    });

    it('puts items with the same canonical URL in one story, whatever their text, and lets a source repeat itself under a new guid', async () => {
      const { db } = current();
      await syncSources(db, SOURCES);
      const original = await recordFetch(db, fetchOf('hw', '2024-05-07T12:00:00.000Z', [storyRecord('h1', { title: 'Linux 6.9 released', body: KERNEL, url: 'https://hw.example/linux-6-9/' })]));
      const linked = await recordFetch(db, fetchOf('td', '2024-05-07T13:00:00.000Z', [
        storyRecord('t1', { title: 'Kernel news', body: 'Via HostingWire.', url: 'https://hw.example/linux-6-9' }),
      ]));
      const repeated = await recordFetch(db, fetchOf('hw', '2024-05-07T14:00:00.000Z', [
        storyRecord('h1-again', { title: 'Linux 6.9 released', body: KERNEL, url: 'https://hw.example/linux-6-9/' }),
        storyRecord('h2', { title: 'Linux 6.9 released: what it means for hosts', body: `${KERNEL} Hosts should wait for the first point release.` }),
      ]));
      const [h1] = original.newItemIds;
      expect(await storyOf(db, linked.newItemIds[0])).toBe(h1);
      expect(await storyOf(db, repeated.newItemIds[0])).toBe(h1);
      // Another article of the same source, even about the same news, is not merged.
      expect(await storyOf(db, repeated.newItemIds[1])).toBe(repeated.newItemIds[1]);
      expect([(await story(db, h1 ?? null)).item_count, (await story(db, h1 ?? null)).source_count]).toEqual([3, 2]);
    });

    it('compares only within the window, and the window is the caller\'s', async () => {
      const { db } = current();
      await syncSources(db, SOURCES);
      const old = await recordFetch(db, fetchOf('prn', '2024-05-01T12:00:00.000Z', [storyRecord('p1', { title: 'Northwind Hosting Opens Frankfurt Data Center', body: RELEASE, publishedAt: '2024-05-01T11:00:00.000Z' })]));
      const late = await recordFetch(db, fetchOf('bw', '2024-05-11T12:00:00.000Z', [storyRecord('b1', { title: 'Northwind Hosting Opens Frankfurt Data Center', body: RELEASE, publishedAt: '2024-05-11T11:00:00.000Z' })]));
      expect(await storyOf(db, late.newItemIds[0])).toBe(late.newItemIds[0]);
      const wide = await recordFetch(db, fetchOf('hw', '2024-05-11T13:00:00.000Z', [storyRecord('h1', { title: 'Northwind Hosting Opens Frankfurt Data Center', body: RELEASE, publishedAt: '2024-05-01T12:00:00.000Z', url: 'https://hw.example/x' })], { dedupWindowMs: 30 * 86_400_000 }));
      expect(await storyOf(db, wide.newItemIds[0])).toBe(old.newItemIds[0]);
    });

    it('keeps an updated item in its story and refiles its band keys', async () => {
      const { db } = current();
      await syncSources(db, SOURCES);
      const a = await recordFetch(db, fetchOf('prn', '2024-05-07T12:00:00.000Z', [storyRecord('p1', { title: 'Northwind Hosting Opens Frankfurt Data Center', body: RELEASE })]));
      const b = await recordFetch(db, fetchOf('bw', '2024-05-07T13:00:00.000Z', [storyRecord('b1', { title: 'Northwind Hosting Opens Frankfurt Data Center', body: RELEASE })]));
      const [b1] = b.newItemIds;
      const keysBefore = await db.selectFrom('item_bands').select('band_key').where('item_id', '=', b1 ?? -1).orderBy('band_key').execute();
      const updated = await recordFetch(db, fetchOf('bw', '2024-05-08T09:00:00.000Z', [storyRecord('b1', { title: 'Correction: an unrelated text now', body: KERNEL })]));
      expect(updated.updatedItemIds).toEqual([b1]);
      expect(await storyOf(db, b1)).toBe(a.newItemIds[0]);
      const keysAfter = await db.selectFrom('item_bands').select('band_key').where('item_id', '=', b1 ?? -1).orderBy('band_key').execute();
      expect(keysAfter).toHaveLength(16);
      expect(keysAfter).not.toEqual(keysBefore);
      const s = await story(db, a.newItemIds[0] ?? null);
      expect([s.item_count, s.updated_at]).toEqual([2, '2024-05-08T09:00:00.000Z']);
    });

    it('lets an item join a story founded earlier in the same fetch', async () => {
      const { db } = current();
      await syncSources(db, SOURCES);
      const written = await recordFetch(db, fetchOf('td', '2024-05-07T12:00:00.000Z', [
        storyRecord('t1', { title: 'Linux 6.9 released', body: KERNEL, url: 'https://lwn.example/6.9' }),
        storyRecord('t2', { title: 'Linux 6.9 is out', body: 'From LWN.', url: 'https://lwn.example/6.9?utm_source=td' }),
      ]));
      const [t1, t2] = written.newItemIds;
      expect(await storyOf(db, t2)).toBe(t1);
      expect((await story(db, t1 ?? null)).item_count).toBe(2);
    });

    it('gives items stored without a signature a story of their own and no band keys', async () => {
      const { db } = current();
      await syncSources(db, SOURCES);
      const a = await recordFetch(db, fetchOf('prn', '2024-05-07T12:00:00.000Z', [storyRecord('p1', { title: 'Northwind Hosting Opens Frankfurt Data Center', body: RELEASE, fingerprint: false })]));
      const b = await recordFetch(db, fetchOf('bw', '2024-05-07T13:00:00.000Z', [storyRecord('b1', { title: 'Northwind Hosting Opens Frankfurt Data Center', body: RELEASE, fingerprint: false })]));
      expect(await storyOf(db, b.newItemIds[0])).toBe(b.newItemIds[0]);
      expect(await storyOf(db, a.newItemIds[0])).toBe(a.newItemIds[0]);
      expect(await db.selectFrom('item_bands').selectAll().execute()).toEqual([]);
    });

    it('drops band keys and match records with the items retention purges', async () => {
      const { db } = current();
      await syncSources(db, SOURCES);
      await recordFetch(db, fetchOf('prn', '2024-05-07T12:00:00.000Z', [storyRecord('p1', { title: 'Northwind Hosting Opens Frankfurt Data Center', body: RELEASE })]));
      await recordFetch(db, fetchOf('bw', '2024-05-07T13:00:00.000Z', [storyRecord('b1', { title: 'Northwind Hosting Opens Frankfurt Data Center', body: RELEASE })]));
      const purged = await purgeItems(db, { before: '2024-06-01T00:00:00.000Z', now: '2024-06-01T00:00:00.000Z' });
      expect(purged.items).toBe(2);
      expect(await db.selectFrom('item_bands').selectAll().execute()).toEqual([]);
      expect(await db.selectFrom('story_matches').selectAll().execute()).toEqual([]);
    });
  });
}
