/**
 * npm run bench:ingest — cold ingest of N local sources × 50 items through the real CLI, beside `feedloom parse
 * --jsonl` over the same feeds as files, in the same run, each as its own process; then a re-poll where every
 * source answers 304.
 *
 * Two corpora (bench/news-corpus.ts):
 * - `news`: realistic distinct news over three weeks, a large vocabulary, about 15% of items retelling a story
 *   another source told in the two days before. The stories the store made are scored against the generated ones:
 *   pairwise precision and recall of the retellings merged.
 * - `templated`: every item of every source shares most of its words (the worst case for candidate search).
 *
 * For each: parse time, cold ingest time and its ratio to parse, peak RSS and CPU time (user + system, every thread) of
 * the ingest process, items/s of the
 * first and of the last 5,000 items stored (from the ingest's per-source debug log: does the cost per item grow
 * with the store?), and the re-poll.
 *
 *   BENCH_SOURCES=1000 (default)  BENCH_ITEMS=50  BENCH_CORPUS=news,templated  BENCH_DIALECTS=sqlite[,postgres]
 *   FEEDLOOM_BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres   BENCH_PROFILE=DIR (CPU profiles of the ingests)
 *   BENCH_BUILT=1: run the compiled CLI (dist/, after `npm run build`) in every child instead of the sources under tsx
 * Numbers depend on the machine; compare rows of one run only.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { countItems, createDatabase, createPostgresDatabase, dropPostgresDatabase, migrateToLatest, withDatabaseName } from '../src/store/index.js';
import type { DatabaseHandle } from '../src/store/index.js';
import { newsCorpus, rssOf } from './news-corpus.js';
import type { NewsItem } from './news-corpus.js';

type CliModule = { main: (argv: string[]) => Promise<number> };

// Run as a child: `--child <feedloom args>` runs the CLI in this process and reports its peak RSS on the last stderr line.
// BENCH_BUILT=1: the compiled CLI (dist/, `npm run build` first), as installed, without tsx's loader in every thread.
if (process.argv[2] === '--child') {
  const built = new URL('../dist/src/cli/main.js', import.meta.url).href;
  const { main } = (process.env['BENCH_BUILT'] === '1' ? await import(built) : await import('../src/cli/main.js')) as CliModule;
  const code = await main(process.argv.slice(3));
  const usage = process.resourceUsage();
  process.stderr.write(`\nBENCH_MAX_RSS_KB=${usage.maxRSS} BENCH_CPU_US=${usage.userCPUTime + usage.systemCPUTime}\n`);
  process.exit(code);
}

const SOURCES = Number(process.env['BENCH_SOURCES'] ?? 1000);
const ITEMS = Number(process.env['BENCH_ITEMS'] ?? 50);
const CORPORA = (process.env['BENCH_CORPUS'] ?? 'news,templated').split(',');
const DIALECTS = (process.env['BENCH_DIALECTS'] ?? 'sqlite').split(',');
const HOSTS = 8;
const SPAN = 5_000;
const PG_ADMIN = process.env['FEEDLOOM_BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SELF = path.relative(process.cwd(), new URL(import.meta.url).pathname);
const END = Date.UTC(2026, 0, 22);
/** BENCH_PROFILE=DIR writes a CPU profile of each ingest process there (node --cpu-prof). */
const PROFILE = process.env['BENCH_PROFILE'];

/** Every item of every source shares most words: one sentence pattern, the source and item numbers changing. */
function templated(): NewsItem[][] {
  return Array.from({ length: SOURCES }, (_, n) => Array.from({ length: ITEMS }, (_, i) => ({
    guid: `s${n}-i${i}`, url: `https://news${n % 97}.example/${n}/${i}`, story: n * ITEMS + i, published: END - (n * ITEMS + i) * 36_000,
    title: `Source ${n} story ${i}: VMware, Red Hat & the hypervisor market`,
    html: `<p>Story ${i} of source ${n}: <a href="/x/${i}">cloud</a> hosting news with <b>markup</b>, Linux kernels and data-centre power.</p>`
      + '<p>More text about virtualisation and containers. </p>'.repeat(4),
  })));
}

/** Local origins serving every feed with an ETag, answering If-None-Match with 304. */
async function startOrigins(bodies: Buffer[]): Promise<{ urls: string[]; close(): Promise<void> }> {
  const etags = bodies.map((b) => `"${createHash('sha1').update(b).digest('hex')}"`);
  const servers: Server[] = [];
  const bases: string[] = [];
  for (let h = 0; h < HOSTS; h++) {
    const server = createServer((req, res) => {
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
    close: async () => {
      for (const s of servers) s.closeAllConnections();
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    },
  };
}

interface ChildRun { code: number | null; stdout: string; stderr: string; maxRssKb: number; ms: number; cpuMs: number }

function runChild(args: string[], env: Record<string, string>): Promise<ChildRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    const profile = PROFILE !== undefined && args[0] === 'ingest' ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : [];
    const child = spawn(process.execPath, [...profile, '--import', 'tsx', SELF, '--child', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => {
      const rss = Number(/BENCH_MAX_RSS_KB=(\d+)/.exec(stderr)?.[1] ?? 0);
      const cpuMs = Number(/BENCH_CPU_US=(\d+)/.exec(stderr)?.[1] ?? 0) / 1000;
      if (code !== 0) process.stderr.write(stderr.split('\n').filter((l) => !l.includes('"msg":"fetched"')).join('\n'));
      resolve({ code, stdout, stderr, maxRssKb: rss, ms: performance.now() - started, cpuMs });
    });
  });
}

/** One JSON log line of a finished fetch (`fetched` at debug, `fetch failed: …` at warn): when, and how many items were new. */
function fetchEvent(line: string): { at: number; items: number } | undefined {
  if (!line.startsWith('{')) return undefined;
  const event = JSON.parse(line) as { time?: string; msg?: string; new?: number };
  if (event.msg !== 'fetched' && !event.msg?.startsWith('fetch failed')) return undefined;
  return { at: Date.parse(event.time ?? ''), items: Number(event.new ?? 0) };
}

/** Items/s over the first and the last SPAN items stored, from the per-source fetch log lines (JSON, under a pipe). */
function throughput(stderr: string): { first: number; last: number } | undefined {
  const events = stderr.split('\n').flatMap((line) => fetchEvent(line) ?? []);
  if (events.length < 2) return undefined;
  const rate = (list: typeof events) => {
    const items = list.slice(1).reduce((n, e) => n + e.items, 0);
    const ms = (list.at(-1)?.at ?? 0) - (list[0]?.at ?? 0);
    return ms > 0 ? (items / ms) * 1000 : 0;
  };
  const prefix: typeof events = [];
  let counted = 0;
  for (const e of events) {
    prefix.push(e);
    counted += e.items;
    if (counted >= SPAN) break;
  }
  const suffix: typeof events = [];
  counted = 0;
  for (const e of [...events].reverse()) {
    suffix.unshift(e);
    counted += e.items;
    if (counted >= SPAN) break;
  }
  return { first: rate(prefix), last: rate(suffix) };
}

async function freshDatabase(dialect: string, folder: string): Promise<{ url: string; dispose(): Promise<void> }> {
  if (dialect === 'sqlite') return { url: `sqlite:${path.join(folder, `bench-${randomBytes(4).toString('hex')}.db`)}`, dispose: async () => undefined };
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

/** Pairwise precision and recall of the stored stories against the generated ones (from the contingency counts). */
async function storyScore(url: string, corpus: NewsItem[][]): Promise<{ precision: number; recall: number; pairs: number }> {
  const truth = new Map<string, number>();
  corpus.forEach((items, n) => items.forEach((item) => truth.set(`s${n} ${item.guid}`, item.story)));
  const rows = await withDatabase(url, (h) => h.db.selectFrom('items').select(['source_id', 'guid', 'story_id']).execute());
  const cell = new Map<string, number>();
  const predicted = new Map<number, number>();
  const labelled = new Map<number, number>();
  for (const row of rows) {
    const label = truth.get(`${row.source_id} ${row.guid}`) ?? -1;
    const story = Number(row.story_id);
    cell.set(`${story}:${label}`, (cell.get(`${story}:${label}`) ?? 0) + 1);
    predicted.set(story, (predicted.get(story) ?? 0) + 1);
    labelled.set(label, (labelled.get(label) ?? 0) + 1);
  }
  const pairs = (counts: Iterable<number>) => [...counts].reduce((n, c) => n + (c * (c - 1)) / 2, 0);
  const both = pairs(cell.values());
  const together = pairs(predicted.values());
  const truly = pairs(labelled.values());
  return { precision: together === 0 ? 1 : both / together, recall: truly === 0 ? 1 : both / truly, pairs: truly };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const rate = (items: number, ms: number) => `${Math.round(items / (ms / 1000)).toLocaleString('en')} items/s`;

async function benchCorpus(name: string, folder: string): Promise<void> {
  const corpus = name === 'news' ? newsCorpus({ sources: SOURCES, perSource: ITEMS, days: 21, end: END, retell: 0.15, seed: 20_260_101 }) : { sources: templated(), retellings: 0 };
  const bodies = corpus.sources.map((items, n) => rssOf(n, items));
  const total = SOURCES * ITEMS;
  const mb = bodies.reduce((n, b) => n + b.length, 0) / 1e6;
  console.log(`\n${name}: ${SOURCES} sources × ${ITEMS} items (${total.toLocaleString('en')} items, ${mb.toFixed(1)} MB${name === 'news' ? `, ${corpus.retellings.toLocaleString('en')} retellings` : ''})`);
  const files = path.join(folder, `${name}-feeds`);
  mkdirSync(files);
  bodies.forEach((body, n) => writeFileSync(path.join(files, `s${n}.xml`), body));
  const parse = await runChild(['parse', '--jsonl', files], {});
  const parsedOk = parse.code === 0 || parse.stdout.split('\n').filter((l) => l.includes('"ok":true')).length === SOURCES;
  console.log(`  feedloom parse --jsonl (${SOURCES} files, one process)      ${seconds(parse.ms).padStart(8)}  ${rate(total, parse.ms).padStart(16)}  ${(parse.maxRssKb / 1024).toFixed(0)} MB peak RSS  CPU ${seconds(parse.cpuMs)}${parsedOk ? '' : '  CHECK FAILED'}`);
  const origins = await startOrigins(bodies);
  try {
    const config = path.join(folder, `${name}.config.json`);
    writeFileSync(config, JSON.stringify({
      fetch: { allowPrivateNetworks: true, timeoutMs: 60_000 },
      retention: { days: 0 },
      sources: origins.urls.map((url, n) => ({ id: `s${n}`, url })),
    }));
    for (const dialect of DIALECTS) {
      const database = await freshDatabase(dialect, folder);
      try {
        await withDatabase(database.url, (h) => migrateToLatest(h.db));
        const env = { FEEDLOOM_CONFIG: config, DATABASE_URL: database.url, LOG_LEVEL: 'debug' };
        const cold = await runChild(['ingest', '--json'], env);
        const stored = await withDatabase(database.url, (h) => countItems(h.db));
        const summary = JSON.parse(cold.stdout || '{}') as { failures?: { code: string }[] };
        const failures = summary.failures?.length ?? 0;
        const speed = throughput(cold.stderr);
        console.log(`  ${dialect}: cold ingest${' '.repeat(43 - dialect.length)}${seconds(cold.ms).padStart(8)}  ${rate(stored, cold.ms).padStart(16)}  ${(cold.maxRssKb / 1024).toFixed(0)} MB peak RSS`
          + `  ${(cold.ms / parse.ms).toFixed(2)}× parse  CPU ${seconds(cold.cpuMs)} (${(cold.cpuMs / parse.cpuMs).toFixed(2)}× parse's)${stored === total && failures === 0 ? '' : `  CHECK FAILED: ${stored} stored, ${failures} failures`}`);
        if (speed !== undefined) console.log(`    first ${SPAN.toLocaleString('en')} items: ${Math.round(speed.first).toLocaleString('en')} items/s; last ${SPAN.toLocaleString('en')}: ${Math.round(speed.last).toLocaleString('en')} items/s (${(speed.last / speed.first).toFixed(2)}×)`);
        if (name === 'news') {
          const score = await storyScore(database.url, corpus.sources);
          console.log(`    stories: retellings merged with precision ${(score.precision * 100).toFixed(2)}%, recall ${(score.recall * 100).toFixed(2)}% (${score.pairs.toLocaleString('en')} same-story pairs)`);
        }
        await withDatabase(database.url, (h) => h.db.updateTable('sources').set({ next_fetch_at: null }).execute());
        const again = await runChild(['ingest', '--json'], { ...env, LOG_LEVEL: 'warn' });
        const repoll = JSON.parse(again.stdout || '{}') as { sources?: { notModified: number } };
        console.log(`  ${dialect}: re-poll${' '.repeat(47 - dialect.length)}${seconds(again.ms).padStart(8)}  ${(repoll.sources?.notModified ?? 0) === SOURCES ? `all ${SOURCES} not modified` : `CHECK FAILED: ${repoll.sources?.notModified ?? 0} not modified`}`);
      } finally {
        await database.dispose();
      }
    }
  } finally {
    await origins.close();
  }
}

const folder = mkdtempSync(path.join(tmpdir(), 'feedloom-bench-'));
try {
  const start = await runChild(['--version'], {});
  const how = process.env['BENCH_BUILT'] === '1' ? 'node, compiled dist/' : 'node + tsx';
  console.log(`ingest benchmark (process start, ${how}: ${seconds(start.ms)}, included in every time below); ${HOSTS} local hosts`);
  for (const name of CORPORA) await benchCorpus(name, folder);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
