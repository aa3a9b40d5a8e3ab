import { expect, it } from 'vitest';
import { recordFetch, syncSources } from '../../src/store/index.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { runConcurrently } from '../store/run-workers.js';
import { fetchOf, KERNEL, RELEASE, storyRecord } from './story-records.js';

const WORKERS = 3;
const ROUNDS = 4;

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'story assignment from several connections at once', (current) => {
    it('joins every worker\'s tellings to the two stories, with exact counts and no deadlock', async () => {
      const { db, url } = current();
      const workers = Array.from({ length: WORKERS }, (_, w) => `w${w}`);
      await syncSources(db, ['origin', ...workers].map((id) => ({ id, url: `https://${id}.example/feed`, tags: [], enabled: true, priority: 0 })));
      const seeded = await recordFetch(db, fetchOf('origin', '2024-05-07T12:00:00.000Z', [
        storyRecord('release', { title: 'Northwind Hosting Opens Frankfurt Data Center', body: RELEASE }),
        storyRecord('kernel', { title: 'Linux 6.9 released with Intel FRED', body: KERNEL }),
      ]));
      const [release, kernel] = seeded.newItemIds;
      // Every worker writes, at the same instants, one telling of each story per fetch; half of them in the
      // other order, so that two transactions want the same two story rows in opposite orders.
      const jobs = workers.map((worker, w) => ({
        outcomes: Array.from({ length: ROUNDS }, (_, round) => {
          const items = [
            storyRecord(`${worker}-r${round}-release`, { title: 'Northwind Hosting Opens Frankfurt Data Center', body: RELEASE }),
            storyRecord(`${worker}-r${round}-kernel`, { title: 'Linux 6.9 released with Intel FRED', body: KERNEL }),
          ];
          return fetchOf(worker, new Date(Date.UTC(2024, 4, 7, 13, round)).toISOString(), w % 2 === 0 ? items : items.reverse());
        }),
      }));
      const results = await runConcurrently(url, jobs);
      expect(results.filter((r) => !r.ok)).toEqual([]);

      const stories = await db.selectFrom('stories').selectAll().where('id', 'in', [release ?? -1, kernel ?? -1]).orderBy('id').execute();
      expect(stories.map((s) => [Number(s.id), s.item_count, s.source_count])).toEqual([
        [release, 1 + WORKERS * ROUNDS, 1 + WORKERS],
        [kernel, 1 + WORKERS * ROUNDS, 1 + WORKERS],
      ]);
      const items = await db.selectFrom('items').select(['story_id']).execute();
      expect(new Set(items.map((i) => Number(i.story_id)))).toEqual(new Set([release, kernel]));
      expect(await db.selectFrom('stories').select('id').execute()).toHaveLength(2);
    });

    it('founds one story, not twins, when every worker brings the first telling of a new story at the same instant', async () => {
      const { db, url } = current();
      const workers = Array.from({ length: WORKERS + 1 }, (_, w) => `t${w}`);
      await syncSources(db, workers.map((id) => ({ id, url: `https://${id}.example/feed`, tags: [], enabled: true, priority: 0 })));
      // No story exists yet: each transaction, reading before the others commit, would found its own.
      const jobs = workers.map((worker) => ({
        outcomes: [fetchOf(worker, '2024-05-07T13:00:00.000Z', [
          storyRecord(`${worker}-release`, { title: 'Northwind Hosting Opens Frankfurt Data Center', body: RELEASE }),
        ])],
      }));
      const results = await runConcurrently(url, jobs);
      expect(results.filter((r) => !r.ok)).toEqual([]);

      const stories = await db.selectFrom('stories').selectAll().execute();
      expect(stories.map((s) => [s.item_count, s.source_count])).toEqual([[workers.length, workers.length]]);
      const items = await db.selectFrom('items').select(['story_id']).execute();
      expect(items).toHaveLength(workers.length);
      expect(new Set(items.map((i) => Number(i.story_id)))).toEqual(new Set([Number(stories[0]?.id)]));
    });
  });
}
