import { readStoreMetrics } from '../../src/store/index.js';
import { expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { createSite } from '../../src/site/index.js';
import { purgeItems, recordFetch, syncSources } from '../../src/store/index.js';
import type { Database } from '../../src/store/index.js';
import type { Kysely } from 'kysely';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { fetchOf, storyRecord } from './story-records.js';

const config = parseConfig(JSON.stringify({
  site: { baseUrl: 'https://news.example' },
  sources: ['wire', 'trade', 'blog'].map((id) => ({ id, url: `https://${id}.example/feed`, title: id })),
  feeds: [{ id: 'headlines', title: 'All headlines' }],
}), 'merge.json');

const RESULTS = 'Acme Cloud reported quarterly revenue of $2.4 billion, up 31 percent, as demand for its GPU instances outran supply. '
  + 'Chief executive Dana Ruiz said capacity in the Ashburn region would double by the autumn.';
const OUTAGE = 'Customers of Acme Cloud in Ashburn lost access to block storage for four hours on Tuesday after a faulty firmware push '
  + 'to storage controllers. The company said no data was lost and promised a post-incident review within a week.';

async function storyOf(db: Kysely<Database>, itemId: number | undefined): Promise<number> {
  const row = await db.selectFrom('items').select('story_id').where('id', '=', itemId ?? -1).executeTakeFirstOrThrow();
  return Number(row.story_id);
}

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'stories merge when a later item shows they are one', (current) => {
    it('merges two stories founded apart through a bridging item: the older story survives, the other redirects, feeds keep its id', async () => {
      const { db } = current();
      await syncSources(db, config.sources.map((s) => ({ id: s.id, url: s.url, tags: [], enabled: true, priority: 0, title: s.id })));
      // One company's results, and its outage two days later: two stories.
      const wire = await recordFetch(db, fetchOf('wire', '2024-05-07T12:00:00.000Z', [
        storyRecord('w1', { title: 'Acme Cloud Reports Record Quarterly Revenue', body: RESULTS, url: 'https://wire.example/acme-q1', publishedAt: '2024-05-07T11:00:00.000Z' }),
      ]));
      const trade = await recordFetch(db, fetchOf('trade', '2024-05-09T13:00:00.000Z', [
        storyRecord('t1', { title: 'Firmware push knocks out Ashburn block storage for four hours', body: OUTAGE, url: 'https://trade.example/ashburn-storage', publishedAt: '2024-05-09T12:30:00.000Z' }),
      ]));
      const [w1] = wire.newItemIds;
      const [t1] = trade.newItemIds;
      const older = await storyOf(db, w1);
      const younger = await storyOf(db, t1);
      expect(younger).not.toBe(older);
      const site = createSite({ db, config, versionCheckMs: 0 });
      const feedIds = async () => (JSON.parse(String((await site.render('/feeds/headlines.json'))?.body)) as { items: { id: string }[] }).items.map((i) => i.id);
      expect(await feedIds()).toEqual([`https://news.example/stories/${younger}`, `https://news.example/stories/${older}`]);

      // The trade site republishes its piece under a new guid (a repost of t1), now linking the wire's release:
      // the same article as w1 and the same post as t1, so the two stories are one.
      const bridge = await recordFetch(db, fetchOf('trade', '2024-05-09T15:00:00.000Z', [
        storyRecord('t1-republished', { title: 'Firmware push knocks out Ashburn block storage for four hours', body: OUTAGE, url: 'https://wire.example/acme-q1?utm_source=trade', publishedAt: '2024-05-09T12:30:00.000Z' }),
      ]));
      const [b1] = bridge.newItemIds;
      expect([await storyOf(db, w1), await storyOf(db, t1), await storyOf(db, b1)]).toEqual([older, older, older]);
      const story = await db.selectFrom('stories').selectAll().where('id', '=', older).executeTakeFirstOrThrow();
      expect([story.item_count, story.source_count, story.published_at]).toEqual([3, 2, '2024-05-07T11:00:00.000Z']);
      expect(await db.selectFrom('stories').select('id').where('id', '=', younger).execute()).toEqual([]);
      const redirects = await db.selectFrom('story_redirects').select(['from_id', 'to_id']).execute();
      expect(redirects.map((r) => [Number(r.from_id), Number(r.to_id)])).toEqual([[younger, older]]);

      expect(await feedIds()).toEqual([`https://news.example/stories/${older}`]);
      const json = JSON.parse(String((await site.render('/feeds/headlines.json'))?.body)) as { items: { _feedloom: { coverage: { id: string }[] } }[] };
      expect(json.items[0]?._feedloom.coverage.map((c) => c.id).sort()).toEqual(['t1', 't1-republished', 'w1']);
      const moved = await site.render(`/stories/${younger}`);
      expect(moved?.status).toBe(301);
      expect(moved?.location).toBe(`https://news.example/stories/${older}`);
      expect((await site.render(`/stories/${older}`))?.status).toBe(200);
      expect(await site.render('/stories/999999')).toBeUndefined();

      // When retention purges the surviving story, the redirect to it goes too.
      await purgeItems(db, { before: '2024-06-01T00:00:00.000Z', now: '2024-06-01T00:00:00.000Z' });
      expect(await db.selectFrom('story_redirects').selectAll().execute()).toEqual([]);
      expect(await site.render(`/stories/${younger}`)).toBeUndefined();
      // The merge counter of /metrics does not go down with the redirect.
      expect((await readStoreMetrics(db)).storyMerges).toBe(1);
    });
  });
}
