import { expect, it } from 'vitest';
import { countItems, migrationStatus, syncSources } from '../../src/store/index.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { configuredSource, fetchOutcome, itemRecord } from './builders.js';
import { runConcurrently } from './run-workers.js';

const WORKERS = 3;
const ROUNDS = 8;
const ITEMS_PER_ROUND = 25;

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'recordFetch from several connections at once', (current) => {
    it('stores every item once, counts each as new once, and raises no error', async () => {
      const { db, url } = current();
      await syncSources(db, [configuredSource('shared')]);
      // Every worker records the same fetches of the same source, in the same order, at the same time.
      const outcomes = Array.from({ length: ROUNDS }, (_, round) =>
        fetchOutcome('shared', {
          startedAt: new Date(Date.UTC(2024, 5, 1, 12, round)),
          items: Array.from({ length: ITEMS_PER_ROUND }, (_, n) => itemRecord(`r${round}-i${n}`)),
        }),
      );
      const results = await runConcurrently(url, Array.from({ length: WORKERS }, () => ({ outcomes })));

      const failures = results.filter((result) => !result.ok);
      expect(failures).toEqual([]);
      const newPerWorker = results.map((result) => (result.ok ? result.results.reduce((sum, r) => sum + r.itemsNew, 0) : 0));
      expect(newPerWorker.reduce((a, b) => a + b, 0)).toBe(ROUNDS * ITEMS_PER_ROUND);
      expect(await countItems(db)).toBe(ROUNDS * ITEMS_PER_ROUND);
      const fetches = await db.selectFrom('fetches').select(['items_new']).execute();
      expect(fetches).toHaveLength(WORKERS * ROUNDS);
      expect(fetches.reduce((sum, row) => sum + row.items_new, 0)).toBe(ROUNDS * ITEMS_PER_ROUND);
    });
  });

  describeDatabase(dialect, 'migrations from several connections at once', (current) => {
    it('applies each migration exactly once', async () => {
      const { db, url } = current();
      const results = await runConcurrently(url, Array.from({ length: WORKERS }, () => ({ migrate: true })));

      expect(results.filter((result) => !result.ok)).toEqual([]);
      const applied = results.map((result) => (result.ok ? result.migrated : 0)).reduce((a, b) => a + b, 0);
      const status = await migrationStatus(db);
      expect(applied).toBe(status.length);
      expect(status.every((migration) => migration.applied)).toBe(true);
    });
  }, { migrate: false });
}
