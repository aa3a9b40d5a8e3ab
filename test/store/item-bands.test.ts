import { expect, it } from 'vitest';
import { bandHits, recordFetch, syncSources } from '../../src/store/index.js';
import { insertBands, ITEMS_PER_KEY } from '../../src/store/item-bands.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { configuredSource, fetchOutcome, itemRecord } from './builders.js';

const MINUTE = 60_000;

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'band key look-ups', (current) => {
    /** `n` stored items (no fingerprint, so no keys of their own), their ids in order. */
    const storedItems = async (n: number): Promise<number[]> => {
      const { db } = current();
      await syncSources(db, [configuredSource('a')]);
      await recordFetch(db, fetchOutcome('a', { items: Array.from({ length: n }, (_, i) => itemRecord(`i${i}`)) }));
      const rows = await db.selectFrom('items').select(['id', 'guid']).execute();
      const byGuid = new Map(rows.map((r) => [r.guid, Number(r.id)]));
      return Array.from({ length: n }, (_, i) => byGuid.get(`i${i}`) ?? -1);
    };

    it('ranks items by shared keys, then newest id, within the window and the limit', async () => {
      const { db } = current();
      const [a, b, c, d] = await storedItems(4) as [number, number, number, number];
      await insertBands(db, [
        { itemId: a, sortMs: 10 * MINUTE, keys: [1, 2, 3] },
        { itemId: b, sortMs: 11 * MINUTE, keys: [1, 2] },
        { itemId: c, sortMs: 12 * MINUTE, keys: [2, 9] },
        { itemId: d, sortMs: 90 * MINUTE, keys: [1, 2, 3] }, // outside the window below
      ]);
      const range = { fromMs: 0, toMs: 60 * MINUTE, atMs: 30 * MINUTE };
      expect(await bandHits(db, [1, 2, 3, 3], range, 10)).toEqual([{ itemId: a, hits: 3 }, { itemId: b, hits: 2 }, { itemId: c, hits: 1 }]);
      expect(await bandHits(db, [1, 2, 3], range, 2)).toEqual([{ itemId: a, hits: 3 }, { itemId: b, hits: 2 }]);
      expect(await bandHits(db, [], range, 10)).toEqual([]);
    });

    it('reads only the items nearest in time under a key that very many share', async () => {
      const { db } = current();
      const ids = await storedItems(150);
      await insertBands(db, ids.map((itemId, i) => ({ itemId, sortMs: i * MINUTE, keys: [7] })));
      const hits = await bandHits(db, [7], { fromMs: 0, toMs: 1_000 * MINUTE, atMs: 100 * MINUTE }, 1_000);
      const found = new Set(hits.map((h) => ids.indexOf(h.itemId)));
      // The 64 at or before minute 100 (37..100) and every one after it (101..149: fewer than 64).
      expect(ITEMS_PER_KEY).toBe(64);
      expect(found).toEqual(new Set(Array.from({ length: 150 - 37 }, (_, i) => 37 + i)));
    });
  });
}
