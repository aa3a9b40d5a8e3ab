import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWorker } from '../../src/cli/roles/worker.js';
import { parseConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/log/index.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { startOrigin } from '../support/origin.js';
import type { Origin } from '../support/origin.js';

const REAL = path.resolve(process.cwd(), '../shared/corpora/real-world');
let origin: Origin;
let dir: string;
const pings: string[] = [];

beforeAll(async () => {
  origin = await startOrigin({ conditional: true });
  origin.route('/feed', { body: readFileSync(path.join(REAL, 'rsparser__cloudblog.rss')), headers: { 'content-type': 'application/rss+xml' } });
  origin.route('/hub', (req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      pings.push(decodeURIComponent(body));
      res.writeHead(204).end();
    });
  });
  dir = mkdtempSync(path.join(tmpdir(), 'feedloom-websub-'));
});
afterAll(async () => {
  await origin.close();
  rmSync(dir, { recursive: true, force: true });
});

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'WebSub pings from a worker', (current) => {
    it('notifies the hub once per rendering of each curated feed that changed', async () => {
      pings.length = 0;
      const text = JSON.stringify({
        site: { baseUrl: 'https://news.example', websub: [origin.urlFor('/hub')] },
        fetch: { allowPrivateNetworks: true },
        sources: [{ id: 'cloud', url: origin.urlFor('/feed') }],
        feeds: [{ id: 'all', title: 'All' }, { id: 'none', title: 'Nothing', match: { keywords: ['zzzz-no-match'] } }],
      });
      const file = path.join(dir, `${dialect}.json`);
      writeFileSync(file, text);
      const worker = await startWorker({
        db: current().db, file, config: parseConfig(text, file), logger: createLogger('silent'), role: 'test', watch: false,
      });
      try {
        for (let i = 0; i < 100 && pings.length < 3; i++) {
          await new Promise((r) => setTimeout(r, 50));
          await worker.idle();
        }
      } finally {
        await worker.stop();
      }
      expect(pings.sort()).toEqual([
        'hub.mode=publish&hub.url=https://news.example/feeds/all.atom',
        'hub.mode=publish&hub.url=https://news.example/feeds/all.json',
        'hub.mode=publish&hub.url=https://news.example/feeds/all.xml',
      ]);
    });
  });
}
