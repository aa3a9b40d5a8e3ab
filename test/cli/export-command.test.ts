import { expect, it } from 'vitest';
import { createDatabase, exportItems, migrateToLatest, recordFetch, syncSources } from '../../src/store/index.js';
import { fetchOf, KERNEL, RELEASE, storyRecord } from '../dedup/story-records.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { runCli } from './run-cli.js';

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'feedloom export', (current) => {
    it('prints every stored item as one JSON line, with its story and vendors', async () => {
      const { db, url } = current();
      await syncSources(db, ['prn', 'bw'].map((id) => ({ id, url: `https://${id}.example/feed`, tags: [], enabled: true, priority: 0 })));
      const release = { ...storyRecord('p1', { title: 'Northwind Hosting Opens Frankfurt Data Center', body: RELEASE, url: 'https://prn.example/nw?utm_source=x' }), vendors: [] };
      const kernel = { ...storyRecord('p2', { title: 'Linux 6.9 released with Intel FRED', body: KERNEL }), vendors: [{ vendorId: 'intel', matched: 'Intel', field: 'title' as const, role: 'about' as const }] };
      const first = await recordFetch(db, fetchOf('prn', '2024-05-07T12:00:00.000Z', [release, kernel]));
      const second = await recordFetch(db, fetchOf('bw', '2024-05-07T13:00:00.000Z', [storyRecord('b1', { title: 'Northwind Hosting Expands to Germany', body: RELEASE })]));
      const [p1, p2] = first.newItemIds;
      const [b1] = second.newItemIds;

      const result = await runCli(['export'], { env: { DATABASE_URL: url } });
      expect(result.code, result.stderr).toBe(0);
      const lines = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines).toEqual([
        { id: p1, source: 'prn', guid: 'p1', url: 'https://prn.example/nw?utm_source=x', canonical_url: 'https://prn.example/nw', title: 'Northwind Hosting Opens Frankfurt Data Center', published: '2024-05-07T10:00:00.000Z', story: p1, vendors: [], mentions: [] },
        { id: p2, source: 'prn', guid: 'p2', url: 'https://p2.example.org/article', canonical_url: 'https://p2.example.org/article', title: 'Linux 6.9 released with Intel FRED', published: '2024-05-07T10:00:00.000Z', story: p2, vendors: ['intel'], mentions: ['intel'] },
        { id: b1, source: 'bw', guid: 'b1', url: 'https://b1.example.org/article', canonical_url: 'https://b1.example.org/article', title: 'Northwind Hosting Expands to Germany', published: '2024-05-07T10:00:00.000Z', story: p1, vendors: [], mentions: [] },
      ]);
      expect((await runCli(['export', '--format', 'jsonl'], { env: { DATABASE_URL: url } })).stdout).toBe(result.stdout);
    });
  });
}

it('refuses an unknown format with exit 2 and one line', async () => {
  const result = await runCli(['export', '--format', 'csv'], { env: { DATABASE_URL: 'sqlite::memory:' } });
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/^.*--format csv: not a known format \(known: jsonl\)\n$/);
});

it('streams a large store in batches', async () => {
  // Many more items than one batch: every one printed once, in id order.
  const handle = await createDatabase('sqlite::memory:');
  await migrateToLatest(handle.db);
  await syncSources(handle.db, [{ id: 's', url: 'https://s.example/feed', tags: [], enabled: true, priority: 0 }]);
  const items = Array.from({ length: 2_345 }, (_, i) => storyRecord(`g${i}`, { title: `Item ${i}`, body: `Body ${i}`, features: false }));
  await recordFetch(handle.db, fetchOf('s', '2024-05-07T12:00:00.000Z', items));
  const ids: number[] = [];
  let batches = 0;
  for await (const batch of exportItems(handle.db, { batchSize: 1_000 })) {
    batches += 1;
    ids.push(...batch.map((i) => i.id));
  }
  await handle.close();
  expect(batches).toBe(3);
  expect(ids).toEqual([...ids].sort((a, b) => a - b));
  expect(new Set(ids).size).toBe(2_345);
});
