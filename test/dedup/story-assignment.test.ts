import { expect, it } from 'vitest';
import { purgeItems, recordFetch, syncSources } from '../../src/store/index.js';
import type { Database } from '../../src/store/index.js';
import type { Kysely } from 'kysely';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { fetchOf, KERNEL, RELEASE, storyRecord } from './story-records.js';

const SOURCES = ['prn', 'bw', 'hw', 'td', 'tool'].map((id) => ({ id, url: `https://${id}.example/feed`, tags: [], enabled: true, priority: 0 }));

async function storyOf(db: Kysely<Database>, itemId: number | undefined): Promise<number | null> {
  const row = await db.selectFrom('items').select('story_id').where('id', '=', itemId ?? -1).executeTakeFirstOrThrow();
  return row.story_id === null ? null : Number(row.story_id);
}

async function story(db: Kysely<Database>, id: number | null) {
  return db.selectFrom('stories').selectAll().where('id', '=', id ?? -1).executeTakeFirstOrThrow();
}

const count = async (db: Kysely<Database>, table: 'item_keys' | 'item_features' | 'story_matches' | 'stories' | 'story_redirects') =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

/** Five releases of one tool, each an item of its changelog feed linking one page with its own fragment. */
const CHANGELOG = [1, 2, 3, 4, 5].map((n) => storyRecord(`tool-v${n}`, {
  title: `Widgetctl 2.${n} release notes`, url: `https://tool.example/changelog#v2-${n}`, publishedAt: `2024-05-0${n}T10:00:00.000Z`,
  body: ['Adds a --dry-run flag to every command and speeds up listing by half.', 'Fixes a crash when the config file is empty; new ARM64 builds.',
    'Drops support for the old v1 API tokens; exports in CSV.', 'Supports proxies from the environment; a new completion script for fish.',
    'Security fix for path traversal in archive extraction (reported by a user).'][n - 1] ?? '',
}));

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'story assignment in recordFetch', (current) => {
    it('joins another source\'s telling, keeps the story counts, records why, and files features and keys', async () => {
      const { db } = current();
      await syncSources(db, SOURCES);
      const first = await recordFetch(db, fetchOf('prn', '2024-05-07T12:00:00.000Z', [storyRecord('p1', { title: 'Northwind Hosting Opens Frankfurt Data Center', body: RELEASE, publishedAt: '2024-05-07T11:00:00.000Z' })]));
      const second = await recordFetch(db, fetchOf('bw', '2024-05-07T15:00:00.000Z', [
        storyRecord('b1', { title: 'Northwind Hosting expands to Germany with 12MW Frankfurt site', body: RELEASE, publishedAt: '2024-05-07T11:30:00.000Z' }),
        storyRecord('b2', { title: 'Linux 6.9 released', body: KERNEL, publishedAt: '2024-05-07T12:00:00.000Z' }),
      ]));
      const [p1] = first.newItemIds;
      const [b1, b2] = second.newItemIds;
      const joinedId = await storyOf(db, p1);
      expect(await storyOf(db, b1)).toBe(joinedId);
      expect(await storyOf(db, b2)).not.toBe(joinedId);
      const joined = await story(db, joinedId);
      expect([joined.item_count, joined.source_count, joined.published_at, joined.updated_at])
        .toEqual([2, 2, '2024-05-07T11:00:00.000Z', '2024-05-07T15:00:00.000Z']);
      const match = await db.selectFrom('story_matches').selectAll().where('item_id', '=', b1 ?? -1).executeTakeFirstOrThrow();
      expect([Number(match.matched_item_id), match.rule]).toEqual([p1, 'score']);
      expect(match.score).toBeGreaterThan(0.5);
      expect(await db.selectFrom('story_matches').select('item_id').where('item_id', 'in', [p1 ?? -1, b2 ?? -1]).execute()).toEqual([]);
      expect(await count(db, 'item_features')).toBe(3);
      const keys = await db.selectFrom('item_keys').select((eb) => eb.fn.countAll().as('n')).where('item_id', '=', b1 ?? -1).executeTakeFirstOrThrow();
      expect(Number(keys.n)).toBeGreaterThan(5);
    });

    it('puts items with the same canonical URL across sources in one story, and a source repeating itself under a new guid', async () => {
      const { db } = current();
      await syncSources(db, SOURCES);
      const original = await recordFetch(db, fetchOf('hw', '2024-05-07T12:00:00.000Z', [storyRecord('h1', { title: 'Linux 6.9 released', body: KERNEL, url: 'https://hw.example/linux-6-9/' })]));
      const linked = await recordFetch(db, fetchOf('td', '2024-05-07T13:00:00.000Z', [
        storyRecord('t1', { title: 'Kernel news', body: 'Via HostingWire.', url: 'https://www.hw.example/linux-6-9?utm_source=td' }),
      ]));
      const repeated = await recordFetch(db, fetchOf('hw', '2024-05-07T14:00:00.000Z', [
        storyRecord('h1-again', { title: 'Linux 6.9 released', body: KERNEL, url: 'https://hw.example/linux-6-9/' }),
      ]));
      const h1Story = await storyOf(db, original.newItemIds[0]);
      expect(await storyOf(db, linked.newItemIds[0])).toBe(h1Story);
      expect(await storyOf(db, repeated.newItemIds[0])).toBe(h1Story);
      expect([(await story(db, h1Story)).item_count, (await story(db, h1Story)).source_count]).toEqual([3, 2]);
    });

    it('keeps apart the items of one feed that link one page with different fragments, or one landing page', async () => {
      const { db } = current();
      await syncSources(db, SOURCES);
      const releases = await recordFetch(db, fetchOf('tool', '2024-05-06T12:00:00.000Z', CHANGELOG));
      const stories = new Set(await Promise.all(releases.newItemIds.map((id) => storyOf(db, id))));
      expect(stories.size).toBe(5);
      const briefs = await recordFetch(db, fetchOf('td', '2024-05-07T12:00:00.000Z', [
        storyRecord('brief-1', { title: 'Northwind Hosting opens Frankfurt data center', body: RELEASE, url: 'https://td.example/news/' }),
        storyRecord('brief-2', { title: 'Linux 6.9 is out', body: KERNEL, url: 'https://td.example/news/' }),
        storyRecord('brief-3', { title: 'Widgetctl adds a dry-run flag', body: 'The CLI tool gets a safer way to try commands.', url: 'https://td.example/news/' }),
      ]));
      expect(new Set(await Promise.all(briefs.newItemIds.map((id) => storyOf(db, id)))).size).toBe(3);
    });

    it('compares only within the window, and the window is the caller\'s', async () => {
      const { db } = current();
      await syncSources(db, SOURCES);
      const old = await recordFetch(db, fetchOf('prn', '2024-05-01T12:00:00.000Z', [storyRecord('p1', { title: 'Northwind Hosting Opens Frankfurt Data Center', body: RELEASE, publishedAt: '2024-05-01T11:00:00.000Z' })]));
      const late = await recordFetch(db, fetchOf('bw', '2024-05-11T12:00:00.000Z', [storyRecord('b1', { title: 'Northwind Hosting Opens Frankfurt Data Center', body: RELEASE, publishedAt: '2024-05-11T11:00:00.000Z' })]));
      expect(await storyOf(db, late.newItemIds[0])).not.toBe(await storyOf(db, old.newItemIds[0]));
      const { storyAssigner } = await import('../../src/dedup/index.js');
      const wide = await recordFetch(db, fetchOf('hw', '2024-05-11T13:00:00.000Z',
        [storyRecord('h1', { title: 'Northwind Hosting Opens Frankfurt Data Center', body: RELEASE, publishedAt: '2024-05-01T12:00:00.000Z', url: 'https://hw.example/x' })],
        { stories: storyAssigner({ windowMs: 30 * 86_400_000 }) }));
      expect(await storyOf(db, wide.newItemIds[0])).toBe(await storyOf(db, old.newItemIds[0]));
    });

    it('keeps an updated item in its story while it still tells it, and decides it again when it tells other news', async () => {
      const { db } = current();
      await syncSources(db, SOURCES);
      const a = await recordFetch(db, fetchOf('prn', '2024-05-07T12:00:00.000Z', [storyRecord('p1', { title: 'Northwind Hosting Opens Frankfurt Data Center', body: RELEASE })]));
      const b = await recordFetch(db, fetchOf('bw', '2024-05-07T13:00:00.000Z', [storyRecord('b1', { title: 'Northwind Hosting Opens Frankfurt Data Center', body: RELEASE })]));
      const [b1] = b.newItemIds;
      const storyId = await storyOf(db, a.newItemIds[0]);
      expect(await storyOf(db, b1)).toBe(storyId);
      const corrected = await recordFetch(db, fetchOf('bw', '2024-05-07T16:00:00.000Z', [storyRecord('b1', { title: 'Northwind Hosting opens a Frankfurt data center (corrected)', body: `${RELEASE} Corrects the rack count.` })]));
      expect(corrected.updatedItemIds).toEqual([b1]);
      expect(await storyOf(db, b1)).toBe(storyId);
      const rewritten = await recordFetch(db, fetchOf('bw', '2024-05-08T09:00:00.000Z', [storyRecord('b1', { title: 'Linux 6.9 released with Intel FRED', body: KERNEL })]));
      expect(rewritten.updatedItemIds).toEqual([b1]);
      expect(await storyOf(db, b1)).not.toBe(storyId);
      const s = await story(db, storyId);
      expect([s.item_count, s.source_count]).toEqual([1, 1]);
      expect(await db.selectFrom('story_matches').selectAll().where('item_id', '=', b1 ?? -1).execute()).toEqual([]);
    });

    it('lets an item join a story founded earlier in the same fetch', async () => {
      const { db } = current();
      await syncSources(db, SOURCES);
      const written = await recordFetch(db, fetchOf('td', '2024-05-07T12:00:00.000Z', [
        storyRecord('t1', { title: 'Linux 6.9 released', body: KERNEL, url: 'https://lwn.example/6.9' }),
        storyRecord('t2', { title: 'Linux 6.9 is out', body: 'From LWN.', url: 'https://lwn.example/6.9?utm_source=td' }),
      ]));
      const [t1, t2] = written.newItemIds;
      expect(await storyOf(db, t2)).toBe(await storyOf(db, t1));
      expect((await story(db, await storyOf(db, t1))).item_count).toBe(2);
    });

    it('without story clustering, gives every new item a story of its own', async () => {
      const { db } = current();
      await syncSources(db, SOURCES);
      const { stories: _none, ...plain } = fetchOf('prn', '2024-05-07T12:00:00.000Z', []);
      const a = await recordFetch(db, { ...plain, items: [storyRecord('p1', { title: 'Northwind Hosting Opens Frankfurt Data Center', body: RELEASE })] });
      const b = await recordFetch(db, { ...plain, sourceId: 'bw', items: [storyRecord('b1', { title: 'Northwind Hosting Opens Frankfurt Data Center', body: RELEASE })] });
      expect(await storyOf(db, b.newItemIds[0])).not.toBe(await storyOf(db, a.newItemIds[0]));
      expect(await count(db, 'stories')).toBe(2);
      expect(await count(db, 'item_keys')).toBe(0);
    });

    it('drops features, keys and match records with the items retention purges', async () => {
      const { db } = current();
      await syncSources(db, SOURCES);
      await recordFetch(db, fetchOf('prn', '2024-05-07T12:00:00.000Z', [storyRecord('p1', { title: 'Northwind Hosting Opens Frankfurt Data Center', body: RELEASE })]));
      await recordFetch(db, fetchOf('bw', '2024-05-07T13:00:00.000Z', [storyRecord('b1', { title: 'Northwind Hosting Opens Frankfurt Data Center', body: RELEASE })]));
      const purged = await purgeItems(db, { before: '2024-06-01T00:00:00.000Z', now: '2024-06-01T00:00:00.000Z' });
      expect(purged.items).toBe(2);
      for (const table of ['item_keys', 'item_features', 'story_matches', 'stories'] as const) expect(await count(db, table), table).toBe(0);
    });
  });
}
