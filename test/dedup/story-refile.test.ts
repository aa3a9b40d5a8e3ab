import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { DEFAULT_DEDUP_WINDOW_MS, FEATURES_VERSION, refileStaleFeatures } from '../../src/dedup/index.js';
import { refreshStoryFeatures } from '../../src/ingest/refresh-features.js';
import { recordFetch, syncSources, withStoryPort } from '../../src/store/index.js';
import type { Database } from '../../src/store/index.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { fetchOf, RELEASE, storyRecord } from './story-records.js';

const TITLE = 'Northwind Hosting Opens Frankfurt Data Center';
const SEEN = Date.parse('2024-05-07T12:00:00.000Z');

/** One source's telling of the release, stored with features as ingest stores it. */
async function seed(db: Kysely<Database>): Promise<number> {
  await syncSources(db, ['wire', 'trade'].map((id) => ({ id, url: `https://${id}.example/feed`, tags: [], enabled: true, priority: 0 })));
  const stored = await recordFetch(db, fetchOf('wire', '2024-05-07T11:00:00.000Z', [storyRecord('w1', { title: TITLE, body: RELEASE })]));
  return stored.newItemIds[0] ?? -1;
}

/** The item as an engine before features were kept left it: no features, no index keys. */
async function forgetFeatures(db: Kysely<Database>, itemId: number): Promise<void> {
  await db.deleteFrom('item_keys').where('item_id', '=', itemId).execute();
  await db.deleteFrom('item_features').where('item_id', '=', itemId).execute();
}

/** A second outlet's telling; returns whether it joined the first one's story. */
async function tellingJoins(db: Kysely<Database>, first: number): Promise<boolean> {
  const stored = await recordFetch(db, fetchOf('trade', '2024-05-07T12:00:00.000Z', [storyRecord('t1', { title: TITLE, body: RELEASE })]));
  const rows = await db.selectFrom('items').select(['id', 'story_id']).where('id', 'in', [first, stored.newItemIds[0] ?? -1]).execute();
  return rows.length === 2 && rows[0]?.story_id === rows[1]?.story_id;
}

const refile = (db: Kysely<Database>, sinceMs = SEEN - DEFAULT_DEDUP_WINDOW_MS) =>
  refileStaleFeatures((work) => withStoryPort(db, work), { sinceMs, windowMs: DEFAULT_DEDUP_WINDOW_MS });

async function versionOf(db: Kysely<Database>, itemId: number): Promise<number | undefined> {
  const row = await db.selectFrom('item_features').select('data').where('item_id', '=', itemId).executeTakeFirst();
  return row === undefined ? undefined : new Uint8Array(row.data)[0];
}

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'stale story features are refiled', (current) => {
    it('an item stored without features is found by no new telling (the case refiling is for)', async () => {
      const { db } = current();
      const first = await seed(db);
      await forgetFeatures(db, first);
      expect(await tellingJoins(db, first)).toBe(false);
    });

    it('an item stored without features gets them and its index keys back, and a new telling joins its story', async () => {
      const { db } = current();
      const first = await seed(db);
      await forgetFeatures(db, first);
      expect(await refile(db)).toBe(1);
      expect(await versionOf(db, first)).toBe(FEATURES_VERSION);
      expect((await db.selectFrom('item_keys').select('key').where('item_id', '=', first).execute()).length).toBeGreaterThan(0);
      expect(await refile(db)).toBe(0);
      expect(await tellingJoins(db, first)).toBe(true);
    });

    it('features of another version are refiled; items older than the window are left alone', async () => {
      const { db } = current();
      const first = await seed(db);
      const other = 0;
      const row = await db.selectFrom('item_features').select('data').where('item_id', '=', first).executeTakeFirstOrThrow();
      const data = Buffer.from(row.data);
      data[0] = other;
      await db.updateTable('item_features').set({ data }).where('item_id', '=', first).execute();
      expect(await versionOf(db, first)).toBe(other);
      // Ordered before the window: no new item can meet it, so it is not refiled.
      expect(await refile(db, SEEN + DEFAULT_DEDUP_WINDOW_MS)).toBe(0);
      expect(await versionOf(db, first)).toBe(other);
      expect(await refile(db)).toBe(1);
      expect(await versionOf(db, first)).toBe(FEATURES_VERSION);
      expect(await tellingJoins(db, first)).toBe(true);
    });

    it('an ingest pass refiles them first, once per process and database', async () => {
      const { db } = current();
      const first = await seed(db);
      await forgetFeatures(db, first);
      expect(await refreshStoryFeatures(db, DEFAULT_DEDUP_WINDOW_MS, SEEN)).toBe(1);
      await forgetFeatures(db, first);
      expect(await refreshStoryFeatures(db, DEFAULT_DEDUP_WINDOW_MS, SEEN)).toBe(0);
    });
  });
}
