import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { startOrigin } from '../support/origin.js';
import type { Origin } from '../support/origin.js';
import { runCli } from './run-cli.js';

const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>http://x.example/</link><description>d</description>
  <item><guid>1</guid><title>One</title><pubDate>${new Date(Date.now() - 3_600_000).toUTCString()}</pubDate></item>
  <item><guid>2</guid><title>Two</title><pubDate>${new Date(Date.now() - 7_200_000).toUTCString()}</pubDate></item></channel></rss>`;

let origin: Origin;
let folder: string;
beforeAll(async () => {
  origin = await startOrigin();
  origin.route('/ok', { body: rss, headers: { 'content-type': 'application/rss+xml' } });
  origin.route('/broken', { status: 500 });
  origin.route('/gone', { status: 410 });
  // Moved to a URL no other source has (onto another source's URL it would be a duplicate instead).
  origin.route('/old', { status: 301, headers: { location: '/new-home' } });
  origin.route('/new-home', { body: rss, headers: { 'content-type': 'application/rss+xml' } });
  folder = mkdtempSync(path.join(tmpdir(), 'feedloom-sources-list-'));
});
afterAll(async () => {
  await origin.close();
  rmSync(folder, { recursive: true, force: true });
});

interface Row { id: string; status: string; errorStreak: number; itemsLast7Days: number; lastSuccessAt: string | null; nextFetchAt: string | null; movedUrl: string | null }

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'feedloom sources list', (current) => {
    it('shows each source\'s status, last success, error streak, recent items and next check', async () => {
      const file = path.join(folder, `${dialect}.json`);
      const config = (ids: string[]) => JSON.stringify({
        fetch: { allowPrivateNetworks: true, timeoutMs: 5000 },
        sources: ids.map((id) => ({ id, url: origin.urlFor(`/${id === 'never' ? 'ok' : id}`) })).map((s) => (s.id === 'never' ? { ...s, url: `${s.url}?never` } : s)),
      });
      writeFileSync(file, config(['ok', 'broken', 'gone', 'old', 'removed']));
      const env = { FEEDLOOM_CONFIG: file, DATABASE_URL: current().url };
      expect((await runCli(['ingest', '--all'], { env, cwd: folder })).code).toBe(0);
      expect((await runCli(['ingest', '--source', 'old'], { env, cwd: folder })).code).toBe(0);
      writeFileSync(file, config(['ok', 'broken', 'gone', 'old', 'never']));

      const json = await runCli(['sources', 'list', '--json'], { env, cwd: folder });
      expect(json.code, json.stderr).toBe(0);
      const rows = JSON.parse(json.stdout) as Row[];
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(rows.map((r) => [r.id, r.status])).toEqual([
        ['broken', 'failing'], ['gone', 'gone'], ['never', 'new'], ['ok', 'ok'], ['old', 'moved'], ['removed', 'removed'],
      ]);
      expect(byId.get('ok')).toMatchObject({ errorStreak: 0, itemsLast7Days: 2 });
      expect(byId.get('ok')?.lastSuccessAt).not.toBeNull();
      expect(Date.parse(byId.get('ok')?.nextFetchAt ?? '')).toBeGreaterThan(Date.now());
      expect(byId.get('broken')).toMatchObject({ errorStreak: 1, lastSuccessAt: null });
      expect(byId.get('old')?.movedUrl).toBe(origin.urlFor('/new-home'));

      const table = await runCli(['sources', 'list'], { env, cwd: folder });
      const lines = table.stdout.split('\n');
      expect(lines[0]).toMatch(/^ID\s+URL\s+STATUS\s+LAST SUCCESS\s+ERRORS\s+ITEMS 7D\s+NEXT CHECK$/);
      expect(lines.find((l) => l.startsWith('broken'))).toMatch(/failing \(HTTP_STATUS\)\s+never\s+1\s+0\s+in \d+m/);
      expect(lines.find((l) => l.startsWith('never'))).toMatch(/new\s+never\s+0\s+0\s+due$/);
      expect(lines.find((l) => l.startsWith('gone '))).toMatch(/gone\s+never\s+1\s+0\s+-$/);
      expect(table.stdout).toContain(`note: old moved permanently to ${origin.urlFor('/new-home')}`);
      expect(table.stdout).toContain('note: gone answered 410 Gone');
    });
  });
}
