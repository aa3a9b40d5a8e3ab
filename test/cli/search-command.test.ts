import { expect, it } from 'vitest';
import { recordFetch, syncSources } from '../../src/store/index.js';
import { fetchOf, KERNEL, RELEASE, storyRecord } from '../dedup/story-records.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { runCli } from './run-cli.js';

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'feedloom search', (current) => {
    it('prints one hit per story with the matched words marked, as text or JSON, and refuses a bad query with exit 2', async () => {
      const { db, url } = current();
      await syncSources(db, ['prn', 'bw'].map((id) => ({ id, url: `https://${id}.example/feed`, tags: [], enabled: true, priority: 0 })));
      await recordFetch(db, fetchOf('prn', '2024-05-07T12:00:00.000Z', [
        storyRecord('p1', { title: 'Northwind Hosting Opens Frankfurt Data Center', body: RELEASE }),
        storyRecord('p2', { title: 'Linux 6.9 released with Intel FRED', body: KERNEL }),
      ]));
      await recordFetch(db, fetchOf('bw', '2024-05-07T13:00:00.000Z', [storyRecord('b1', { title: 'Northwind Hosting Expands to Germany', body: RELEASE })]));
      const env = { DATABASE_URL: url };

      const json = await runCli(['search', 'Northwind', '--json'], { env });
      expect(json.code, json.stderr).toBe(0);
      const parsed = JSON.parse(json.stdout) as { total: number; page: number; pages: number; hits: { story: number; title: string; source: string; marks: { title: [number, number][] } }[] };
      // The two Northwind tellings are one story: one hit.
      expect([parsed.total, parsed.page, parsed.pages, parsed.hits.length]).toEqual([1, 1, 1, 1]);
      const [hit] = parsed.hits;
      expect(hit?.marks.title.map(([s, e]) => hit.title.slice(s, e))).toEqual(['Northwind']);

      const text = await runCli(['search', 'linux', 'fred'], { env });
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toMatch(/^1 story matches "linux fred"; page 1 of 1 \(1–1\)\n\nLinux 6\.9 released with Intel FRED\n {2}Source prn|prn · 2024-05-07/);
      expect(text.stdout).not.toContain('\x1b[');

      expect((await runCli(['search', 'nothing-like-this'], { env })).stdout).toBe('No stories match "nothing-like-this".\n');
      const bad = await runCli(['search', '"open'], { env });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toBe('feedloom search: search: The query has an unbalanced quote ("): close the phrase or remove the quote.\n');
      expect((await runCli(['search', 'x', '--page', 'two'], { env })).code).toBe(2);
    });
  });
}
