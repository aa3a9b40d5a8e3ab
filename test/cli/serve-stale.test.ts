/**
 * Acceptance of stale-if-error: the database is taken away from a running `feedloom serve` — PostgreSQL
 * through a loopback TCP proxy that the test cuts, SQLite by overwriting the database file in place under
 * the open handle — and brought back.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { spawnCli, until } from '../scale/spawn-cli.js';
import { send } from '../server/http-client.js';
import { describeDatabase, DIALECTS } from '../support/databases.js';
import { postgresOutage, sqliteOutage } from '../support/outage.js';
import { publishItems, seedStories, staleSite } from '../support/stale-site.js';

const GZIP = { 'accept-encoding': 'gzip' };

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'serve while its database goes away', (current) => {
    it('answers what it rendered before with the same bytes and ETag, 503 for the rest, and recovers by itself', { timeout: 240_000 }, async () => {
      const { db, url } = current();
      const titles = ['Hypervisor patch lands in the mainline kernel', 'Storage vendor doubles its object store prices'];
      const stories = await seedStories(db, titles);
      expect(stories).toHaveLength(2);
      const [served, neverServed] = stories as [number, number];

      const { dir, config } = staleSite('feedloom-stale-');
      const outage = dialect === 'postgres' ? await postgresOutage(url) : await sqliteOutage(url);
      const serve = spawnCli(['serve', '--port', '0', '--workers', '1'], { FEEDLOOM_CONFIG: config, DATABASE_URL: outage.url, LOG_FORMAT: 'json', XDG_CACHE_HOME: path.join(dir, 'cache') });
      try {
        await serve.waitForLog(/serving Stale test on http:\/\/127\.0\.0\.1:\d+/, 60_000);
        const base = /serving Stale test on (http:\/\/127\.0\.0\.1:\d+)/.exec(serve.stderr())?.[1] ?? '';
        const pages = ['/', '/feeds/headlines.xml', '/feeds/headlines.atom', '/feeds/headlines.json', `/stories/${served}`, '/archive'];

        // Rendered once, then answered again (the second time from the hot path): both the same.
        const good = new Map<string, { etag: string; body: Buffer; identityTag: string }>();
        for (const page of pages) {
          const first = await send(base, page, { headers: GZIP });
          expect(first.status, page).toBe(200);
          const again = await send(base, page, { headers: GZIP });
          expect(again.headers['etag']).toBe(first.headers['etag']);
          expect(again.body.equals(first.body)).toBe(true);
          const identity = await send(base, page);
          good.set(page, { etag: first.headers['etag'] ?? '', body: first.body, identityTag: identity.headers['etag'] ?? '' });
        }
        expect((await send(base, '/healthz')).status).toBe(200);

        await outage.cut();
        // The site checks the database every second, off the request path: wait for that check to notice.
        await until(async () => /^feedloom_serving_stale 1$/m.test((await send(base, '/metrics')).body.toString()), 30_000, serve.exited, () => serve.stderr());
        const health = await send(base, '/healthz');
        expect(health.status).toBe(503);
        expect(health.body.toString()).toMatch(/"status":"unavailable"/);
        for (const page of pages) {
          const before = good.get(page);
          const stale = await send(base, page, { headers: GZIP });
          expect(stale.status, page).toBe(200);
          expect(stale.headers['etag'], page).toBe(before?.etag);
          expect(stale.body.equals(before?.body ?? Buffer.alloc(0)), page).toBe(true);
          expect(stale.headers['warning'], page).toMatch(/^111 /);
          const identity = await send(base, page);
          expect([identity.status, identity.headers['etag']], page).toEqual([200, before?.identityTag]);
          const conditional = await send(base, page, { headers: { ...GZIP, 'if-none-match': before?.etag ?? '' } });
          expect(conditional.status, page).toBe(304);
        }
        const never = await send(base, `/stories/${neverServed}`, { headers: GZIP });
        expect(never.status).toBe(503);
        expect(Number(never.headers['retry-after'])).toBeGreaterThan(0);
        const metrics = (await send(base, '/metrics')).body.toString();
        expect(metrics).toMatch(/^feedloom_serving_stale 1$/m);
        expect(metrics).toMatch(/^feedloom_http_stale_responses_total [1-9]\d*$/m);
        expect(serve.stderr()).toMatch(/database unreadable: answering pages and feeds rendered before/);

        await outage.restore();
        await publishItems(url, [...titles, 'Container runtime drops cgroup v1 support'], '2024-06-01T13:00:00.000Z');
        await until(async () => (await send(base, '/healthz')).status === 200, 30_000, serve.exited, () => serve.stderr());
        await until(async () => (await send(base, '/feeds/headlines.json')).body.toString().includes('Container runtime drops cgroup v1 support'), 30_000, serve.exited);
        const fresh = await send(base, '/feeds/headlines.atom', { headers: GZIP });
        expect(fresh.status).toBe(200);
        expect(fresh.headers['warning']).toBeUndefined();
        expect(fresh.headers['etag']).not.toBe(good.get('/feeds/headlines.atom')?.etag);
        expect((await send(base, `/stories/${neverServed}`)).status).toBe(200);
        expect((await send(base, '/metrics')).body.toString()).toMatch(/^feedloom_serving_stale 0$/m);
        expect(serve.stderr()).toMatch(/database readable again/);

        serve.child.kill('SIGTERM');
        expect(await serve.exited).toBe(0);
      } finally {
        serve.child.kill('SIGKILL');
        await outage.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
