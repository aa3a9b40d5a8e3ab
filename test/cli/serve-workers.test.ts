import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bumpContentVersion, createDatabase } from '../../src/store/index.js';
import { spawnCli, until } from '../scale/spawn-cli.js';
import { send } from '../server/http-client.js';
import { sqliteOutage } from '../support/outage.js';

let dir: string;
let config: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'feedloom-workers-'));
  config = path.join(dir, 'feeds.config.json');
  writeFileSync(config, JSON.stringify({
    site: { title: 'Workers test', baseUrl: 'https://news.example' },
    sources: [{ id: 'a', url: 'https://a.example.org/feed.xml' }],
    feeds: [{ id: 'headlines', title: 'All headlines' }],
  }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('feedloom serve --workers', () => {
  it('runs N processes on one port, and stops them all gracefully on SIGTERM', { timeout: 180_000 }, async () => {
    const serve = spawnCli(['serve', '--port', '0', '--workers', '2'], { FEEDLOOM_CONFIG: config, DATABASE_URL: `sqlite:${path.join(dir, 'a.db')}`, LOG_FORMAT: 'json' });
    try {
      await serve.waitForLog(/serving Workers test on http:\/\/127\.0\.0\.1:\d+ \(2 workers\)/, 120_000);
      const lines = serve.stderr().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg: string; pid: number });
      const workers = lines.filter((l) => /^serving Workers test on http:\S+$/.test(l.msg));
      expect(new Set(workers.map((l) => l.pid)).size).toBe(2);
      expect(workers.every((l) => l.pid !== serve.pid)).toBe(true);
      const urls = new Set(workers.map((l) => l.msg.split(' on ')[1]));
      expect(urls.size).toBe(1);
      const base = [...urls][0] ?? '';
      for (let i = 0; i < 6; i += 1) expect((await send(base, '/feeds/headlines.atom')).status).toBe(200);
      expect((await send(base, '/healthz')).status).toBe(200);
      serve.child.kill('SIGTERM');
      expect(await serve.exited).toBe(0);
      expect(serve.stderr()).toMatch(/serve: stopped/);
      expect(serve.stderr().match(/serve: asked by its primary: stopping/g)).toHaveLength(2);
    } finally {
      serve.child.kill('SIGKILL');
    }
  });

  it('exits 2 with the worker\'s one clear line when the port is taken', { timeout: 180_000 }, async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    const serve = spawnCli(['serve', '--port', String(port), '--workers', '2'], { FEEDLOOM_CONFIG: config, DATABASE_URL: `sqlite:${path.join(dir, 'b.db')}` });
    try {
      expect(await serve.exited, serve.stderr()).toBe(2);
      expect(serve.stderr()).toContain(`cannot listen on 127.0.0.1:${port}: the address is already in use`);
    } finally {
      serve.child.kill('SIGKILL');
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  // With copies on disk (the default), the replacement starts on them while the database is away; with the copies
  // off it cannot start, and is tried again until the database is back.
  for (const copiesOff of [false, true]) {
    it(`keeps serving when a worker dies while the database is away; its replacement ${copiesOff ? 'starts once it is back (copies off)' : 'starts on the last good copies'}`, { timeout: 240_000 }, async () => {
      const file = path.join(dir, copiesOff ? 'd-off.db' : 'd.db');
      const outage = await sqliteOutage(`sqlite:${file}`);
      const serve = spawnCli(['serve', '--port', '0', '--workers', '2'], {
        FEEDLOOM_CONFIG: config, DATABASE_URL: outage.url, LOG_FORMAT: 'json', ...(copiesOff ? { FEEDLOOM_LAST_GOOD_DIR: 'off' } : {}),
      });
      try {
        await serve.waitForLog(/serving Workers test on http:\/\/127\.0\.0\.1:\d+ \(2 workers\)/, 120_000);
        const lines = serve.stderr().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg: string; pid: number });
        const workers = lines.filter((l) => /^serving Workers test on http:\S+$/.test(l.msg));
        const base = workers[0]?.msg.split(' on ')[1] ?? '';
        // Round-robin over new connections: each worker renders the feed (and keeps it in memory).
        for (let i = 0; i < 6; i += 1) expect((await send(base, '/feeds/headlines.atom')).status).toBe(200);
        const copies = `${file}.last-good`;
        const hasCopies = (): boolean => existsSync(copies) && readdirSync(copies, { recursive: true }).some((name) => String(name).endsWith('.answer'));
        if (!copiesOff) await until(hasCopies, 30_000, serve.exited);

        await outage.cut();
        await until(async () => (await send(base, '/healthz')).status === 503 && (await send(base, '/healthz')).status === 503, 30_000, serve.exited);
        process.kill(workers[0]?.pid ?? -1, 'SIGKILL');
        if (copiesOff) {
          await serve.waitForLog(/a replacement worker could not start/, 60_000);
          expect(serve.stderr()).not.toMatch(/a replacement worker listens/);
        } else {
          // The replacement listens while the database is still away, and answers from the copies too.
          await serve.waitForLog(/a replacement worker listens \(2 of 2\)/, 60_000);
          expect(serve.stderr()).toMatch(/cannot open the database at start .*last good copies/);
          expect(await send(base, '/healthz')).toMatchObject({ status: 503 });
        }
        // Every worker listening answers alone, from its last good copy; the primary did not give up.
        for (let i = 0; i < 4; i += 1) {
          const stale = await send(base, '/feeds/headlines.atom');
          expect([stale.status, stale.headers['warning']?.slice(0, 4)]).toEqual([200, '111 ']);
        }
        expect(serve.child.exitCode).toBeNull();

        await outage.restore();
        // A write after the file is put back, so that every open connection reads it anew (as `run` would write).
        const writer = await createDatabase(outage.url);
        await bumpContentVersion(writer.db).finally(() => writer.close());
        if (copiesOff) await serve.waitForLog(/a replacement worker listens \(2 of 2\)/, 90_000);
        let healthy = 0;
        await until(async () => {
          healthy = (await send(base, '/healthz')).status === 200 ? healthy + 1 : 0;
          return healthy >= 4;
        }, 90_000, serve.exited);
        expect(hasCopies()).toBe(!copiesOff);
        serve.child.kill('SIGTERM');
        expect(await serve.exited).toBe(0);
      } finally {
        serve.child.kill('SIGKILL');
        await outage.close();
      }
    });
  }

  it('refuses a --workers that is not a number of processes', async () => {
    const serve = spawnCli(['serve', '--workers', 'many'], { FEEDLOOM_CONFIG: config, DATABASE_URL: `sqlite:${path.join(dir, 'c.db')}` });
    expect(await serve.exited).toBe(2);
    expect(serve.stderr()).toContain('--workers many: not a number of processes (1-256)');
  });
});
