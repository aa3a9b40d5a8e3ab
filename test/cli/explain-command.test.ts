import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { recordFetch, syncSources } from '../../src/store/index.js';
import { fetchOf, KERNEL, RELEASE, storyRecord } from '../dedup/story-records.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { runCli } from './run-cli.js';

let dir: string;
let configFile: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'feedloom-explain-'));
  configFile = path.join(dir, 'feeds.config.json');
  writeFileSync(configFile, JSON.stringify({
    sources: ['prn', 'bw'].map((id) => ({ id, url: `https://${id}.example/feed`, tags: id === 'prn' ? ['wire'] : ['news'] })),
    vendors: [{ id: 'intel', name: 'Intel', aliases: ['Intel'] }],
    feeds: [
      { id: 'all', title: 'All', limit: 10 },
      { id: 'intel', title: 'Intel', match: { vendors: ['intel'] } },
      { id: 'wires', title: 'Wires', match: { sourceTags: ['wire'] } },
      { id: 'germany', title: 'Germany', match: { keywords: ['Germany'], exclude: ['Frankfurt'] } },
    ],
  }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'feedloom explain', (current) => {
    const seed = async () => {
      const { db } = current();
      await syncSources(db, ['prn', 'bw'].map((id) => ({ id, url: `https://${id}.example/feed`, tags: [], enabled: true, priority: 0 })));
      const first = await recordFetch(db, fetchOf('prn', new Date(Date.now() - 3_600_000).toISOString(), [
        storyRecord('p1', { title: 'Northwind Hosting Opens Frankfurt Data Center', body: RELEASE, publishedAt: new Date(Date.now() - 7_200_000).toISOString() }),
      ]));
      const second = await recordFetch(db, fetchOf('bw', new Date().toISOString(), [
        storyRecord('b1', { title: 'Northwind Hosting Expands to Germany', body: RELEASE, url: 'https://bw.example/northwind/', publishedAt: new Date(Date.now() - 5_400_000).toISOString() }),
        { ...storyRecord('b2', { title: 'Linux 6.9 released with Intel FRED', body: KERNEL, publishedAt: new Date(Date.now() - 5_000_000).toISOString() }), vendors: [{ vendorId: 'intel', matched: 'Intel', field: 'title' as const, role: 'about' as const }] },
      ]));
      return { p1: first.newItemIds[0], b1: second.newItemIds[0], b2: second.newItemIds[1] };
    };

    it('says why an item joined its story, which candidates it had, and where its story is published', async () => {
      const { url } = current();
      const { p1, b1 } = await seed();
      const result = await runCli(['explain', 'https://www.bw.example/northwind?utm_source=feed'], { env: { DATABASE_URL: url, FEEDLOOM_CONFIG: configFile } });
      expect(result.code, result.stderr).toBe(0);
      const out = result.stdout;
      expect(out).toContain(`item #${b1} bw "Northwind Hosting Expands to Germany"`);
      expect(out).toMatch(/story \d+: 2 item\(s\) from 2 source\(s\)/);
      expect(out).toMatch(new RegExp(`why: joined at .* by rule score, mean probability [01]\\.\\d\\d over 1 member\\(s\\); closest: item #${p1}`));
      expect(out).toMatch(/index keys: \d+ \(headline words, body names, figures\)/);
      expect(out).toMatch(/story \d+: mean probability [01]\.\d\d ≥ 0\.\d\d, over 1 member\(s\) within the window \(its story\)/);
      expect(out).toMatch(new RegExp(`#${p1} prn "Northwind Hosting Opens Frankfurt Data Center"\\n      same-story probability [01]\\.\\d\\d: headline cosine`));
      expect(out).toMatch(/all: in — by item #\d+: the feed takes every item/);
      expect(out).toMatch(new RegExp(`wires: in — by item #${p1}: source prn is selected`));
      expect(out).toContain(`intel: not in — no item of the story matches:\n    #${p1} #${b1}: about none of intel`);
      expect(out).toMatch(/germany: not in — no item of the story matches:/);
      expect(out).toMatch(/excluded by \/Frankfurt\//);
    });

    it('explains a founder by id, with the candidates it did not match', async () => {
      const { url } = current();
      const { p1, b2 } = await seed();
      const result = await runCli(['explain', String(b2)], { env: { DATABASE_URL: url, FEEDLOOM_CONFIG: configFile } });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('why: it founded its story: no story within the dedup window matched it when it was stored');
      expect(result.stdout).toMatch(/intel: in — by item #\d+: about intel/);
      expect(result.stdout).not.toContain(`#${p1} prn`);
    });

    it('exits 1 with one line when no item matches', async () => {
      const { url } = current();
      await seed();
      const result = await runCli(['explain', 'no-such-guid'], { env: { DATABASE_URL: url, FEEDLOOM_CONFIG: configFile } });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe('explain: no stored item has the id, guid or URL no-such-guid\n');
    });
  });
}

it('needs exactly one item', async () => {
  const result = await runCli(['explain'], { env: { DATABASE_URL: 'sqlite::memory:' } });
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('explain: give one item');
});
