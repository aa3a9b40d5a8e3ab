import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli, until } from '../scale/spawn-cli.js';
import { startOrigin } from '../support/origin.js';
import type { Origin } from '../support/origin.js';

let origin: Origin;
let dir: string;
let config: string;
beforeAll(async () => {
  origin = await startOrigin({ conditional: true });
  origin.route('/feed', { body: readFileSync(path.resolve(process.cwd(), '../shared/corpora/real-world/rsparser__cloudblog.rss')) });
  dir = mkdtempSync(path.join(tmpdir(), 'feedloom-run-'));
  config = path.join(dir, 'feeds.config.json');
  writeFileSync(config, JSON.stringify({ fetch: { allowPrivateNetworks: true }, sources: [{ id: 'cloud', url: origin.urlFor('/feed') }] }));
});
afterAll(async () => {
  await origin.close();
  rmSync(dir, { recursive: true, force: true });
});

async function freePortServer(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0 };
}

describe('feedloom run', () => {
  it('ingests, serves the headlines, and stops gracefully on SIGTERM', async () => {
    const { server, port } = await freePortServer();
    await new Promise((resolve) => server.close(resolve));
    const run = spawnCli(['run', '--port', String(port)], { FEEDLOOM_CONFIG: config, DATABASE_URL: `sqlite:${path.join(dir, 'a.db')}` });
    try {
      await run.waitForLog(/ingest: 1 source \(1 ok/);
      await until(async () => (await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text(), () => '')).includes('li class="entry"'), 10_000, run.exited);
      const feed = await fetch(`http://127.0.0.1:${port}/feeds/headlines.atom`);
      expect(feed.status).toBe(200);
      expect(await feed.text()).toContain('<entry>');
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      expect(run.stderr()).toMatch(/run: stopped/);
    } finally {
      run.child.kill('SIGKILL');
    }
  });

  it('exits with a clear error, instead of hanging, when its port is taken', async () => {
    const { server, port } = await freePortServer();
    const run = spawnCli(['run', '--port', String(port)], { FEEDLOOM_CONFIG: config, DATABASE_URL: `sqlite:${path.join(dir, 'b.db')}` });
    try {
      const code = await Promise.race([run.exited, new Promise((r) => setTimeout(() => r('still running'), 20_000))]);
      expect(code, run.stderr()).toBe(2);
      expect(run.stderr()).toContain(`feedloom run: cannot listen on 127.0.0.1:${port}: the address is already in use`);
    } finally {
      run.child.kill('SIGKILL');
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
