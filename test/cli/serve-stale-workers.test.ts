/**
 * Stale-if-error across the workers of one `feedloom serve` and across a restart: every page is rendered once
 * (so each worker rendered only some of them), then the database is taken away and every page is asked for many
 * times, so that every worker answers every page — from its own memory or from the copies on disk. Then serve
 * is stopped and started again (default --workers), and the database taken away before anything is rendered:
 * the copies on disk answer.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../src/store/index.js';
import { spawnCli, until } from '../scale/spawn-cli.js';
import { send } from '../server/http-client.js';
import { describeDatabase, DIALECTS } from '../support/databases.js';
import { postgresOutage, sqliteOutage } from '../support/outage.js';
import { everyWorker, listening, publishItems, seedStories, staleSite } from '../support/stale-site.js';

const GZIP = { 'accept-encoding': 'gzip' };
/** Requests per page while the database is away: round-robin over the workers gives each of them several. */
const ASKS = 8;


for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'serve with several workers while its database goes away', (current) => {
    it('every worker answers every page any of them rendered, also after a restart; 503 for the rest; recovers by itself', { timeout: 360_000 }, async () => {
      const { db, url } = current();
      const titles = ['Hypervisor patch lands in the mainline kernel', 'Storage vendor doubles its object store prices', 'Network vendor ships a new switch operating system'];
      const stories = await seedStories(db, titles);
      expect(stories).toHaveLength(3);
      const [first, second, neverServed] = stories as [number, number, number];

      const { dir, config } = staleSite('feedloom-stale-workers-');
      // Where the copies go by default: beside the SQLite file; under the cache directory for PostgreSQL.
      const copies = dialect === 'sqlite'
        ? `${(parseDatabaseUrl(url) as { path: string }).path}.last-good`
        : path.join(dir, 'cache', 'feedloom', 'last-good');
      const outage = dialect === 'postgres' ? await postgresOutage(url) : await sqliteOutage(url);
      const env = { FEEDLOOM_CONFIG: config, DATABASE_URL: outage.url, LOG_FORMAT: 'json', XDG_CACHE_HOME: path.join(dir, 'cache') };
      const pages = ['/', '/feeds/headlines.xml', '/feeds/headlines.atom', '/feeds/headlines.json', `/stories/${first}`, `/stories/${second}`, '/archive', '/sources.opml'];
      const answerFiles = (): number => (existsSync(copies) ? readdirSync(copies, { recursive: true }).filter((name) => String(name).endsWith('.answer')).length : 0);

      /** Every page asked for ASKS times: 200 with the ETag (gzip and identity) and bytes it had, a Warning; 304 on a match. */
      const expectStale = async (base: string, good: Map<string, { etag: string; body: Buffer }>): Promise<void> => {
        for (const page of pages) {
          const before = good.get(page);
          for (let i = 0; i < ASKS; i += 1) {
            const stale = await send(base, page, { headers: GZIP });
            expect([stale.status, stale.headers['etag']], `${page} #${i}`).toEqual([200, before?.etag]);
            expect(stale.body.equals(before?.body ?? Buffer.alloc(0)), page).toBe(true);
            expect(stale.headers['warning'], page).toMatch(/^111 /);
          }
          const identity = await send(base, page);
          expect([identity.status, identity.headers['etag']], page).toEqual([200, before?.etag.replace(/-gzip"$/, '"')]);
          for (let i = 0; i < 2; i += 1) {
            const conditional = await send(base, page, { headers: { ...GZIP, 'if-none-match': before?.etag ?? '' } });
            expect(conditional.status, page).toBe(304);
          }
        }
        for (let i = 0; i < 4; i += 1) {
          const never = await send(base, `/stories/${neverServed}`, { headers: GZIP });
          expect(never.status).toBe(503);
          expect(Number(never.headers['retry-after'])).toBeGreaterThan(0);
          expect((await send(base, '/healthz')).status).toBe(503);
        }
      };
      const render = async (base: string): Promise<Map<string, { etag: string; body: Buffer }>> => {
        const good = new Map<string, { etag: string; body: Buffer }>();
        for (const page of pages) {
          // Once each: round-robin leaves each worker with only some of the pages rendered.
          const res = await send(base, page, { headers: GZIP });
          expect(res.status, page).toBe(200);
          good.set(page, { etag: res.headers['etag'] ?? '', body: res.body });
        }
        return good;
      };
      /** A fetch that adds an item with `title` (written to the database as `run` would). */
      const publish = async (startedAt: string, title: string): Promise<void> => {
        titles.push(title);
        await publishItems(url, titles, startedAt);
      };
      const stale = (base: string) => everyWorker(async () => /^feedloom_serving_stale 1$/m.test((await send(base, '/metrics')).body.toString()), serve, { timeoutMs: 30_000 });

      let serve = spawnCli(['serve', '--port', '0', '--workers', '2'], env);
      try {
        let base = await listening(serve, 2);
        const good = await render(base);
        // Written off the request path: wait for every page's copy before taking the database away.
        await until(() => answerFiles() >= pages.length, 30_000, serve.exited, () => `${answerFiles()} copies in ${copies}`);

        await outage.cut();
        await stale(base);
        await expectStale(base, good);
        const metrics = (await send(base, '/metrics')).body.toString();
        expect(metrics).toMatch(/^feedloom_http_stale_responses_total [1-9]\d*$/m);

        // Back: new content from every worker, without a restart.
        await outage.restore();
        await publish('2024-06-01T13:00:00.000Z', 'Container runtime drops cgroup v1 support');
        await everyWorker(async () => (await send(base, '/healthz')).status === 200, serve, { timeoutMs: 30_000 });
        await everyWorker(async () => (await send(base, '/feeds/headlines.json')).body.toString().includes('Container runtime drops cgroup v1 support'), serve, { timeoutMs: 30_000 });
        const fresh = await send(base, '/feeds/headlines.atom', { headers: GZIP });
        expect([fresh.status, fresh.headers['warning']]).toEqual([200, undefined]);
        expect(fresh.headers['etag']).not.toBe(good.get('/feeds/headlines.atom')?.etag);
        const renewed = await render(base);

        // A restart (default --workers) while the database is fine; it is taken away before anything is rendered.
        serve.child.kill('SIGTERM');
        expect(await serve.exited).toBe(0);
        serve = spawnCli(['serve', '--port', '0'], env);
        base = await listening(serve, availableParallelism());
        await outage.cut();
        await stale(base);
        await expectStale(base, renewed);
        expect(serve.stderr()).not.toMatch(/last good copies: (cannot|ignoring)/);

        // Back again (a write after the SQLite file is put back, as above, so that every connection reads it anew).
        await outage.restore();
        await publish('2024-06-01T14:00:00.000Z', 'Object store vendor cuts its egress fees');
        await everyWorker(async () => (await send(base, '/healthz')).status === 200, serve, { timeoutMs: 30_000 });
        await everyWorker(async () => (await send(base, '/feeds/headlines.json')).body.toString().includes('Object store vendor cuts its egress fees'), serve, { timeoutMs: 30_000 });
        expect((await send(base, `/stories/${neverServed}`)).status).toBe(200);
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
