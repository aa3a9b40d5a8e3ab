/**
 * npm run bench:ingest — end-to-end ingestion through the real CLI processes: a cold ingest of local sources
 * (50 items each), then a re-poll where every source answers 304, on SQLite (one process) and on PostgreSQL
 * with one and three `feedloom ingest` processes claiming from the same database. Printed beside two
 * ceilings measured in the same run: parse-only (parse + normalise + sanitise, in-process) and insert-only
 * (recordFetch of ready rows, in-process, 8 at once).
 *
 *   BENCH_SOURCES=200 (default; the full run in the issue is BENCH_SOURCES=1000)   BENCH_ITEMS=50
 *   BENCH_TEXT=distinct (default: every item tells its own story, as in real feeds) or alike (every item a
 *     near-duplicate of every other: the worst case for story clustering, each new item verifying the most
 *     candidates)
 *   FEEDLOOM_BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres (PostgreSQL rows skipped if it does not answer)
 *
 * A re-poll stores nothing: its items/s counts the items of the sources it covered. Wall times include starting each process (node + tsx compiling the sources: measured and printed as
 * "process start"). Peak RSS is the largest of the ingest processes' own maxRSS. Sources are spread over
 * 8 local origins (hosts), so the per-host limit is not what limits the run. Numbers depend on the machine;
 * compare rows of one run only.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { toItemRecords } from '../src/ingest/index.js';
import { normaliseFeed } from '../src/normalise/index.js';
import { parseFeed } from '../src/parse/index.js';
import {
  countItems, createDatabase, createPostgresDatabase, dropPostgresDatabase, migrateToLatest, recordFetch, syncSources, withDatabaseName,
} from '../src/store/index.js';
import type { DatabaseHandle } from '../src/store/index.js';
import { random, vocabulary } from './dedup-synthetic.js';

// Run as a child: `--child <feedloom args>` runs the CLI in this process and reports its peak RSS on the last stderr line.
if (process.argv[2] === '--child') {
  const { main } = await import('../src/cli/main.js');
  const code = await main(process.argv.slice(3));
  process.stderr.write(`\nBENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`);
  process.exit(code);
}

const SOURCES = Number(process.env['BENCH_SOURCES'] ?? 200);
const ITEMS = Number(process.env['BENCH_ITEMS'] ?? 50);
const HOSTS = 8;
const PG_ADMIN = process.env['FEEDLOOM_BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SELF = path.relative(process.cwd(), new URL(import.meta.url).pathname);

const TEXT = process.env['BENCH_TEXT'] === 'alike' ? 'alike' : 'distinct';
const VOCABULARY = vocabulary(20_260_101);

/** The RSS document of source `n`: ITEMS items with some real-looking HTML. */
function feedOf(n: number): Buffer {
  return TEXT === 'alike' ? alikeFeedOf(n) : distinctFeedOf(n);
}

/** Items that each tell their own story, in trade-press-shaped text (see dedup-synthetic). */
function distinctFeedOf(n: number): Buffer {
  const rand = random(n + 1);
  const v = VOCABULARY;
  const items = Array.from({ length: ITEMS }, (_, i) => {
    const date = new Date(Date.UTC(2026, 0, 1) - (n * ITEMS + i) * 600_000).toUTCString();
    return `<item><title>${v.name(rand)} ${v.words(rand, 2)} ${v.rareName(rand)} ${v.words(rand, 3)}</title>`
      + `<link>https://news${n % 50}.example/${n}/${i}</link><guid isPermaLink="false">s${n}-i${i}</guid><pubDate>${date}</pubDate>`
      + `<description>&lt;p&gt;${v.rareName(rand)} ${v.words(rand, 20)} &lt;a href="/x/${i}"&gt;${v.words(rand, 2)}&lt;/a&gt; `
      + `&lt;b&gt;${v.name(rand)}&lt;/b&gt; ${v.words(rand, 20)}.&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;`
      + `&lt;p&gt;${v.words(rand, 40)} ${v.rareName(rand)}.&lt;/p&gt;</description></item>`;
  }).join('');
  return Buffer.from(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Source ${n}</title>`
    + `<link>https://news${n % 50}.example/</link><description>bench</description>${items}</channel></rss>`);
}

/** Items that all say nearly the same thing. */
function alikeFeedOf(n: number): Buffer {
  const items = Array.from({ length: ITEMS }, (_, i) => {
    const date = new Date(Date.UTC(2026, 0, 1) - (n * ITEMS + i) * 600_000).toUTCString();
    return `<item><title>Source ${n} story ${i}: VMware, Red Hat &amp; the hypervisor market</title>`
      + `<link>https://news${n % 50}.example/${n}/${i}</link><guid isPermaLink="false">s${n}-i${i}</guid><pubDate>${date}</pubDate>`
      + `<description>&lt;p&gt;Story ${i} of source ${n}: &lt;a href="/x/${i}"&gt;cloud&lt;/a&gt; hosting news with `
      + `&lt;b&gt;markup&lt;/b&gt;, Linux kernels and data-centre power.&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;`
      + `${'&lt;p&gt;More text about virtualisation and containers. &lt;/p&gt;'.repeat(4)}</description></item>`;
  }).join('');
  return Buffer.from(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Source ${n}</title>`
    + `<link>https://news${n % 50}.example/</link><description>bench</description>${items}</channel></rss>`);
}

/** Local origins serving every feed with an ETag, answering If-None-Match with 304. */
async function startOrigins(bodies: Buffer[]): Promise<{ urls: string[]; requests: () => number; close(): Promise<void> }> {
  const etags = bodies.map((b) => `"${createHash('sha1').update(b).digest('hex')}"`);
  let requests = 0;
  const servers: Server[] = [];
  const bases: string[] = [];
  for (let h = 0; h < HOSTS; h++) {
    const server = createServer((req, res) => {
      requests++;
      const n = Number(/\/s\/(\d+)$/.exec(req.url ?? '')?.[1]);
      const body = bodies[n];
      if (body === undefined) return void res.writeHead(404).end();
      if (req.headers['if-none-match'] === etags[n]) return void res.writeHead(304, { etag: etags[n] }).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: etags[n] ?? '', 'content-length': body.length }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    bases.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }
  return {
    urls: bodies.map((_, n) => `${bases[n % HOSTS]}/s/${n}`),
    requests: () => requests,
    close: async () => {
      for (const s of servers) s.closeAllConnections();
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    },
  };
}

interface ChildRun { code: number | null; stdout: string; maxRssKb: number }

function runChild(args: string[], env: Record<string, string>): Promise<ChildRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SELF, '--child', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => {
      const rss = Number(/BENCH_MAX_RSS_KB=(\d+)/.exec(stderr)?.[1] ?? 0);
      if (code !== 0) process.stderr.write(stderr);
      resolve({ code, stdout, maxRssKb: rss });
    });
  });
}

interface Row { name: string; items: number; ms: number; sources?: number; rssMb?: number; note?: string }

/** `workers` ingest processes at once on `databaseUrl`: wall time, items stored, peak RSS. */
async function ingestRun(name: string, workers: number, env: Record<string, string>, expect: 'new' | 'not-modified'): Promise<Row> {
  const started = performance.now();
  const runs = await Promise.all(Array.from({ length: workers }, () => runChild(['ingest', '--json'], env)));
  const ms = performance.now() - started;
  const summaries = runs.map((r) => JSON.parse(r.stdout || '{}') as {
    sources?: { total: number; notModified: number }; items?: { new: number; seen: number }; failures?: { code: string; message: string }[];
  });
  const fetched = summaries.reduce((n, s) => n + (s.sources?.total ?? 0), 0);
  const items = summaries.reduce((n, s) => n + (expect === 'new' ? s.items?.new ?? 0 : 0), 0);
  const notModified = summaries.reduce((n, s) => n + (s.sources?.notModified ?? 0), 0);
  const ok = runs.every((r) => r.code === 0) && fetched === SOURCES && (expect === 'new' ? items === SOURCES * ITEMS : notModified === SOURCES);
  return {
    name, items: expect === 'new' ? items : SOURCES * ITEMS, ms, sources: fetched, rssMb: Math.max(...runs.map((r) => r.maxRssKb)) / 1024,
    note: ok ? `${fetched} sources` : `CHECK FAILED: ${fetched} sources, ${items} new, ${notModified} not modified${failureCounts(summaries.flatMap((s) => s.failures ?? []))}`,
  };
}

/** ", failures: 3 TIMEOUT (first message)" for a check that failed because sources did. */
function failureCounts(failures: readonly { code: string; message: string }[]): string {
  if (failures.length === 0) return '';
  const byCode = new Map<string, number>();
  for (const f of failures) byCode.set(f.code, (byCode.get(f.code) ?? 0) + 1);
  return `, failures: ${[...byCode].map(([code, n]) => `${n} ${code}`).join(', ')} (${failures[0]?.message ?? ''})`;
}

/** A fresh database: a SQLite file, or a new PostgreSQL database (dropped by `dispose`). */
async function freshDatabase(dialect: 'sqlite' | 'postgres', folder: string): Promise<{ url: string; dispose(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const file = path.join(folder, `bench-${randomBytes(4).toString('hex')}.db`);
    return { url: `sqlite:${file}`, dispose: async () => undefined };
  }
  const name = `feedloom_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = await createDatabase(PG_ADMIN);
  await createPostgresDatabase(admin.db, name);
  await admin.close();
  return {
    url: withDatabaseName(PG_ADMIN, name),
    dispose: async () => {
      const again = await createDatabase(PG_ADMIN);
      await dropPostgresDatabase(again.db, name);
      await again.close();
    },
  };
}

async function withDatabase<T>(url: string, use: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await createDatabase(url);
  try {
    return await use(handle);
  } finally {
    await handle.close();
  }
}

async function cold(label: string, dialect: 'sqlite' | 'postgres', workers: number, folder: string, config: string): Promise<Row[]> {
  const database = await freshDatabase(dialect, folder);
  try {
    await withDatabase(database.url, (h) => migrateToLatest(h.db));
    const env = { FEEDLOOM_CONFIG: config, DATABASE_URL: database.url, LOG_LEVEL: 'warn' };
    const first = await ingestRun(`${label}: cold ingest`, workers, env, 'new');
    const stored = await withDatabase(database.url, (h) => countItems(h.db));
    if (stored !== SOURCES * ITEMS) first.note = `CHECK FAILED: ${stored} items stored; ${first.note ?? ''}`;
    await withDatabase(database.url, (h) => h.db.updateTable('sources').set({ next_fetch_at: null }).execute());
    const second = await ingestRun(`${label}: re-poll (all 304)`, workers, env, 'not-modified');
    return [first, second];
  } finally {
    await database.dispose();
  }
}

function parseCeiling(bodies: Buffer[]): Row {
  const started = performance.now();
  let items = 0;
  for (const body of bodies) items += normaliseFeed(parseFeed({ body, url: 'https://example.org/feed' })).items.length;
  return { name: 'ceiling: parse-only (parse + normalise + sanitise, 1 thread)', items, ms: performance.now() - started };
}

async function insertCeiling(dialect: 'sqlite' | 'postgres', bodies: Buffer[], folder: string): Promise<Row> {
  const records = bodies.map((body) => toItemRecords(normaliseFeed(parseFeed({ body, url: 'https://example.org/feed' })).items));
  const database = await freshDatabase(dialect, folder);
  try {
    return await withDatabase(database.url, async ({ db }) => {
      await migrateToLatest(db);
      await syncSources(db, records.map((_, n) => ({ id: `s${n}`, url: `https://x.example/${n}`, tags: [], enabled: true, priority: 0 })));
      const started = performance.now();
      for (let start = 0; start < records.length; start += 8) {
        await Promise.all(records.slice(start, start + 8).map((items, i) => recordFetch(db, {
          sourceId: `s${start + i}`, startedAt: new Date(), durationMs: 1, status: 200, bytes: 1, notModified: false, items, nextFetchAt: null,
        })));
      }
      return { name: `ceiling: insert-only on ${dialect} (recordFetch, 8 at once)`, items: await countItems(db), ms: performance.now() - started };
    });
  } finally {
    await database.dispose();
  }
}

async function postgresAnswers(): Promise<boolean> {
  try {
    await withDatabase(PG_ADMIN, async () => undefined);
    return true;
  } catch {
    return false;
  }
}

function print(rows: Row[]): void {
  for (const r of rows) {
    const rate = Math.round(r.items / (r.ms / 1000)).toLocaleString('en');
    const rss = r.rssMb === undefined ? '' : `${r.rssMb.toFixed(0)} MB peak RSS`;
    const sources = r.sources === undefined ? '' : `${Math.round(r.sources / (r.ms / 1000)).toLocaleString('en')} sources/s`;
    console.log(`  ${r.name.padEnd(62)} ${`${rate} items/s`.padStart(16)} ${sources.padStart(16)} ${`${(r.ms / 1000).toFixed(2)} s`.padStart(9)}  ${rss.padEnd(17)} ${r.note ?? ''}`);
  }
}

async function main(): Promise<void> {
  const folder = mkdtempSync(path.join(tmpdir(), 'feedloom-bench-'));
  const bodies = Array.from({ length: SOURCES }, (_, n) => feedOf(n));
  const origins = await startOrigins(bodies);
  try {
    const config = path.join(folder, 'feeds.config.json');
    writeFileSync(config, JSON.stringify({
      fetch: { allowPrivateNetworks: true, timeoutMs: 30_000, concurrency: 16, perHostConcurrency: 8 },
      retention: { days: 0 },
      sources: origins.urls.map((url, n) => ({ id: `s${n}`, url })),
    }));
    const mb = bodies.reduce((n, b) => n + b.length, 0) / 1e6;
    console.log(`ingest benchmark: ${SOURCES} sources x ${ITEMS} items (${(SOURCES * ITEMS).toLocaleString('en')} items, ${mb.toFixed(1)} MB, text ${TEXT}), ${HOSTS} local hosts`);
    const startup = performance.now();
    await runChild(['--version'], {});
    console.log(`  process start (node + tsx, \`feedloom --version\`): ${((performance.now() - startup) / 1000).toFixed(2)} s, included in every wall time below\n`);
    const pg = await postgresAnswers();
    const rows: Row[] = [parseCeiling(bodies), await insertCeiling('sqlite', bodies, folder)];
    if (pg) rows.push(await insertCeiling('postgres', bodies, folder));
    print(rows);
    console.log('');
    print(await cold('SQLite, 1 process', 'sqlite', 1, folder, config));
    if (pg) {
      print(await cold('PostgreSQL, 1 worker', 'postgres', 1, folder, config));
      print(await cold('PostgreSQL, 3 workers', 'postgres', 3, folder, config));
    } else {
      console.log(`  PostgreSQL rows skipped: nothing answers at ${PG_ADMIN}`);
    }
    console.log(`\n  origin requests: ${origins.requests()}`);
  } finally {
    await origins.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
