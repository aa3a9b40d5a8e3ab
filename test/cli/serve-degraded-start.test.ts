/**
 * `feedloom serve` started while its database is away. When it served that database before (its last good copies
 * on disk), it starts anyway: it answers those copies (200, same ETags, Warning; 304 on a match), 503 with
 * Retry-After for pages never rendered, /healthz 503, and opens the database in the background, serving fresh
 * content once it is back, without a restart. Without copies it fails at start, as every command does.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../src/store/index.js';
import { spawnCli, until } from '../scale/spawn-cli.js';
import { send } from '../server/http-client.js';
import { describeDatabase, DIALECTS } from '../support/databases.js';
import { postgresOutage, sqliteOutage } from '../support/outage.js';
import type { Outage } from '../support/outage.js';
import { everyWorker, listening, publishItems, seedStories, staleSite } from '../support/stale-site.js';

const GZIP = { 'accept-encoding': 'gzip' };


interface Setup {
  url: string;
  dir: string;
  env: Record<string, string>;
  outage: Outage;
  /** How many copies of pages are on disk. */
  answerFiles(): number;
}

async function setUp(dialect: 'sqlite' | 'postgres', url: string, prefix: string): Promise<Setup> {
  const { dir, config } = staleSite(prefix);
  const copies = dialect === 'sqlite'
    ? `${(parseDatabaseUrl(url) as { path: string }).path}.last-good`
    : path.join(dir, 'cache', 'feedloom', 'last-good');
  const outage = dialect === 'postgres' ? await postgresOutage(url) : await sqliteOutage(url);
  const env = { FEEDLOOM_CONFIG: config, DATABASE_URL: outage.url, LOG_FORMAT: 'json', XDG_CACHE_HOME: path.join(dir, 'cache') };
  const answerFiles = (): number => (existsSync(copies) ? readdirSync(copies, { recursive: true }).filter((name) => String(name).endsWith('.answer')).length : 0);
  return { url, dir, env, outage, answerFiles };
}

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'serve started while its database is away', (current) => {
    for (const workers of [1, 2]) {
      it(`with copies on disk (--workers ${workers}): answers them, 503 for the rest, and serves fresh content once the database is back`, { timeout: 300_000 }, async () => {
        const { db, url } = current();
        const titles = ['Hypervisor patch lands in the mainline kernel', 'Storage vendor doubles its object store prices', 'Network vendor ships a new switch operating system'];
        const stories = await seedStories(db, titles);
        expect(stories).toHaveLength(3);
        const [first, second, neverServed] = stories as [number, number, number];
        const { env, outage, answerFiles, dir } = await setUp(dialect, url, 'feedloom-degraded-start-');
        const pages = ['/', '/feeds/headlines.xml', '/feeds/headlines.atom', '/feeds/headlines.json', `/stories/${first}`, `/stories/${second}`, '/archive'];

        let serve = spawnCli(['serve', '--port', '0', '--workers', '1'], env);
        try {
          // Served once with the database up: every page rendered, its copy on disk.
          let base = await listening(serve, 1);
          const good = new Map<string, { etag: string; body: Buffer }>();
          for (const page of pages) {
            const res = await send(base, page, { headers: GZIP });
            expect(res.status, page).toBe(200);
            good.set(page, { etag: res.headers['etag'] ?? '', body: res.body });
          }
          await until(() => answerFiles() >= pages.length, 30_000, serve.exited, () => `${answerFiles()} copies`);
          serve.child.kill('SIGTERM');
          expect(await serve.exited).toBe(0);

          // The database goes away; serve is started again.
          await outage.cut();
          serve = spawnCli(['serve', '--port', '0', '--workers', String(workers)], env);
          base = await listening(serve, workers);
          expect(serve.stderr()).toMatch(/cannot open the database at start .*last good copies/);
          for (const page of pages) {
            const before = good.get(page);
            for (let i = 0; i < 2 * workers; i += 1) {
              const stale = await send(base, page, { headers: GZIP });
              expect([stale.status, stale.headers['etag']], `${page} #${i}`).toEqual([200, before?.etag]);
              expect(stale.body.equals(before?.body ?? Buffer.alloc(0)), page).toBe(true);
              expect(stale.headers['warning'], page).toMatch(/^111 /);
              const conditional = await send(base, page, { headers: { ...GZIP, 'if-none-match': before?.etag ?? '' } });
              expect(conditional.status, page).toBe(304);
            }
          }
          for (let i = 0; i < 2 * workers; i += 1) {
            const never = await send(base, `/stories/${neverServed}`, { headers: GZIP });
            expect(never.status).toBe(503);
            expect(Number(never.headers['retry-after'])).toBeGreaterThan(0);
            expect((await send(base, '/healthz')).status).toBe(503);
            expect((await send(base, '/metrics')).body.toString()).toMatch(/^feedloom_serving_stale 1$/m);
          }

          // Back: the database is opened in the background, and new content is served without a restart.
          await outage.restore();
          titles.push('Container runtime drops cgroup v1 support');
          await publishItems(url, titles, '2024-06-01T13:00:00.000Z');
          await everyWorker(async () => (await send(base, '/healthz')).status === 200, serve, { timeoutMs: 60_000 });
          await everyWorker(async () => (await send(base, '/feeds/headlines.json')).body.toString().includes('Container runtime drops cgroup v1 support'), serve, { timeoutMs: 60_000 });
          const fresh = await send(base, '/feeds/headlines.atom', { headers: GZIP });
          expect([fresh.status, fresh.headers['warning']]).toEqual([200, undefined]);
          expect(fresh.headers['etag']).not.toBe(good.get('/feeds/headlines.atom')?.etag);
          expect((await send(base, `/stories/${neverServed}`)).status).toBe(200);
          expect(serve.stderr()).toMatch(/database opened and migrated/);
          serve.child.kill('SIGTERM');
          expect(await serve.exited).toBe(0);
        } finally {
          serve.child.kill('SIGKILL');
          await outage.restore();
          await outage.close();
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }

    it('without copies on disk (never served, or copies off): fails at start, as before', { timeout: 120_000 }, async () => {
      const { db, url } = current();
      await seedStories(db, ['Hypervisor patch lands in the mainline kernel']);
      const { env, outage, dir } = await setUp(dialect, url, 'feedloom-degraded-none-');
      try {
        await outage.cut();
        for (const [workers, extra] of [['1', {}], ['2', {}], ['1', { FEEDLOOM_LAST_GOOD_DIR: 'off' }]] as const) {
          const serve = spawnCli(['serve', '--port', '0', '--workers', workers], { ...env, ...extra });
          try {
            expect(await serve.exited, serve.stderr()).not.toBe(0);
            expect(serve.stderr()).not.toMatch(/serving Stale test|last good copies/);
            expect(serve.stderr()).toMatch(/cannot connect to|file is not a database/);
          } finally {
            serve.child.kill('SIGKILL');
          }
        }
      } finally {
        await outage.restore();
        await outage.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
