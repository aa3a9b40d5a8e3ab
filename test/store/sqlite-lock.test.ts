/**
 * Another process holding SQLite's write lock for a while (a backup, a long manual transaction, another feedloom
 * mid-write): feedloom waits for it, without blocking its event loop, up to a bound, and then says who held it.
 * SQLite only: PostgreSQL has row locks and no such file lock.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { fetchFeed } from '../../src/fetch/index.js';
import { runIngestPass } from '../../src/ingest/index.js';
import { countItems, createDatabase, migrateToLatest, syncSources } from '../../src/store/index.js';
import { runCli } from '../cli/run-cli.js';
import { startOrigin } from '../support/origin.js';
import type { Origin } from '../support/origin.js';

const rss = (name: string) => `<rss version="2.0"><channel><title>${name}</title>`
  + `${[1, 2].map((n) => `<item><guid>${name}-${n}</guid><title>${name} ${n}</title></item>`).join('')}</channel></rss>`;

let origin: Origin;
let folder: string;
const holders: ChildProcess[] = [];

beforeAll(async () => {
  origin = await startOrigin();
  origin.route('/fast.xml', { body: rss('fast'), headers: { 'content-type': 'application/rss+xml' } });
  // Answers after 1.5 s: its fetch is still in flight while the fast source's write waits for the lock.
  origin.route('/slow.xml', (_req, res) => {
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('slow')), 1_500);
  });
  folder = mkdtempSync(path.join(tmpdir(), 'feedloom-sqlite-lock-'));
});
afterEach(() => {
  for (const child of holders.splice(0)) child.kill('SIGKILL');
});
afterAll(async () => {
  await origin.close();
  rmSync(folder, { recursive: true, force: true });
});

/** A database file, created and migrated. */
async function freshDatabase(name: string): Promise<string> {
  const file = path.join(folder, `${name}.db`);
  const handle = await createDatabase(`sqlite:${file}`);
  await migrateToLatest(handle.db);
  await handle.close();
  return file;
}

/** Another process that takes the write lock (BEGIN IMMEDIATE) and holds it for `ms`; resolves once it holds it. */
async function holdWriteLock(file: string, ms: number): Promise<ChildProcess> {
  const script = `const Database = require('better-sqlite3'); const db = new Database(${JSON.stringify(file)});
    db.exec('begin immediate'); db.exec("update sources set title = title"); console.log('locked');
    setTimeout(() => { db.exec('commit'); db.close(); }, ${ms});`;
  const child = spawn(process.execPath, ['-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  holders.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => (chunk.toString().includes('locked') ? resolve() : undefined));
    child.on('exit', (code) => reject(new Error(`lock holder exited early (${code})`)));
  });
  return child;
}

it('ingest started while another process holds the lock for 12 s waits for it: no migration write lock, then the pass runs', async () => {
  const file = await freshDatabase('start');
  const config = path.join(folder, 'start.json');
  writeFileSync(config, JSON.stringify({ fetch: { allowPrivateNetworks: true, timeoutMs: 5000 }, sources: [{ id: 'fast', url: origin.urlFor('/fast.xml') }] }));
  await holdWriteLock(file, 12_000);
  const result = await runCli(['ingest', '--all', '--json'], { env: { FEEDLOOM_CONFIG: config, DATABASE_URL: `sqlite:${file}` }, cwd: folder });
  expect(result.stderr).not.toMatch(/locked|migration failed/);
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({ sources: { ok: 1, failed: 0 }, items: { new: 2 } });
}, 60_000);

it('gives up after its bound, naming the process that held the lock', async () => {
  const file = await freshDatabase('give-up');
  const holder = await holdWriteLock(file, 20_000);
  const handle = await createDatabase(`sqlite:${file}`, { lockWaitMs: 1_500 });
  try {
    const started = Date.now();
    const error = await syncSources(handle.db, [{ id: 'a', url: 'https://a.example/feed', tags: [], enabled: true, priority: 0 }]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'DATABASE' });
    expect((error as Error).message).toMatch(new RegExp(`is locked by pid ${holder.pid} \\(.*node.*\\): gave up after waiting 1\\.\\d s`));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
  } finally {
    await handle.close();
  }
}, 30_000);

it('a running pass does not record a healthy source as TIMEOUT while another source\'s write waits for the lock', async () => {
  const file = await freshDatabase('pass');
  const handle = await createDatabase(`sqlite:${file}`);
  try {
    const targets = ['fast', 'slow'].map((id) => ({ id, url: origin.urlFor(`/${id}.xml`), etag: null, lastModified: null, errorCount: 0 }));
    await syncSources(handle.db, targets.map((t) => ({ id: t.id, url: t.url, tags: [], enabled: true, priority: 0 })));
    // Held for 5 s: longer than the slow source's 3 s deadline, so a write blocking the thread would time it out.
    await holdWriteLock(file, 5_000);
    const summary = await runIngestPass(
      targets,
      { userAgent: 'test', timeoutMs: 3_000, maxBytes: 1 << 20, allowPrivateNetworks: true, defaultIntervalMs: 1_800_000, minIntervalMs: 300_000, maxIntervalMs: 86_400_000 },
      { db: handle.db, fetch: (request) => fetchFeed(request) },
      { concurrency: 2, perHostConcurrency: 2 },
    );
    expect(summary.failures).toEqual([]);
    expect(summary.sources).toMatchObject({ ok: 2, failed: 0 });
    expect(await countItems(handle.db)).toBe(4);
  } finally {
    await handle.close();
  }
}, 60_000);
