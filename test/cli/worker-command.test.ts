import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { heldLeases, listSources } from '../../src/store/index.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { startOrigin } from '../support/origin.js';
import type { Origin } from '../support/origin.js';
import { spawnCli, until } from '../scale/spawn-cli.js';

const rss = (name: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>${name}</title><link>http://x.example/</link>`
  + `<description>d</description><item><guid>${name}-1</guid><title>${name} one</title></item></channel></rss>`;

let origin: Origin;
let folder: string;
const slowStarted = new Map<string, number>();
beforeAll(async () => {
  origin = await startOrigin();
  for (const dialect of DIALECTS) {
    for (const name of ['a', 'b', 'c']) origin.route(`/${dialect}/${name}`, { body: rss(name), headers: { 'content-type': 'application/rss+xml' } });
    origin.route(`/${dialect}/slow`, (_req, res) => {
      slowStarted.set(dialect, (slowStarted.get(dialect) ?? 0) + 1);
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('slow')), 1500);
    });
  }
  folder = mkdtempSync(path.join(tmpdir(), 'feedloom-worker-'));
});
afterAll(async () => {
  await origin.close();
  rmSync(folder, { recursive: true, force: true });
});

const config = (dialect: string, names: string[]) => `${JSON.stringify({
  fetch: { allowPrivateNetworks: true, timeoutMs: 5000 },
  schedule: { tick: '* * * * * *', defaultInterval: '1h', minInterval: '1s' },
  sources: names.map((n) => ({ id: n, url: origin.urlFor(`/${dialect}/${n}`) })),
}, null, 2)}\n`;

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'feedloom worker', (current) => {
    it('ingests on its tick, follows config edits without restart, and stops gracefully on SIGTERM', { timeout: 60_000 }, async () => {
      const { db, url } = current();
      const file = path.join(folder, `${dialect}.json`);
      writeFileSync(file, config(dialect, ['a', 'b']));
      const worker = spawnCli(['worker'], { FEEDLOOM_CONFIG: file, DATABASE_URL: url });
      try {
        const fetched = async (ids: string[]) => {
          const sources = await listSources(db);
          return ids.every((id) => sources.find((s) => s.id === id)?.lastSuccessAt != null);
        };
        await until(() => fetched(['a', 'b']), 20_000, worker.exited, worker.stderr);
        await worker.waitForLog(/worker: started/);

        writeFileSync(file, config(dialect, ['a', 'b', 'c']));
        await until(() => fetched(['c']), 10_000, worker.exited, worker.stderr);
        await worker.waitForLog(/config reloaded/);

        writeFileSync(file, config(dialect, ['a', 'b', 'c']).replace('"id": "c"', '"id": "Not Valid"'));
        await worker.waitForLog(/config not reloaded: .* 1 problem/);
        await worker.waitForLog(/sources\[2\]\.id: not a valid id/);

        writeFileSync(file, config(dialect, ['a', 'b', 'c', 'slow']));
        await until(() => (slowStarted.get(dialect) ?? 0) > 0, 10_000, worker.exited, worker.stderr);
        worker.child.kill('SIGTERM');
        expect(await worker.exited).toBe(0);
        expect(worker.stderr()).toMatch(/worker: SIGTERM: stopping; finishing the work in flight/);
        expect(await fetched(['slow'])).toBe(true);
        expect(await heldLeases(db)).toEqual([]);
        // Each source once: the interval is an hour, and the passes on every tick fetch only what is due.
        for (const name of ['a', 'b', 'c', 'slow']) expect(origin.requestsTo(`/${dialect}/${name}`)).toHaveLength(1);
      } finally {
        worker.child.kill('SIGKILL');
      }
    });
  });
}
