/**
 * npm run bench:serve — requests/s and latency of feedloom's HTTP edge serving a cached curated
 * Atom feed (~100 KB, 50 entries) with gzip, with brotli, and answering a conditional request
 * with 304, beside a static-file baseline: a plain node:http server sending the same
 * precompressed bytes with the same headers (what nginx or a CDN in front of `feedloom build`
 * output would do). The servers run in a child process, so autocannon does not share their
 * event loop. Numbers depend on the machine; compare rows of one run only.
 *
 * BENCH_DURATION (seconds per scenario, default 10) and BENCH_CONNECTIONS (default 32) tune it.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { createLogger } from '../src/log/index.js';
import { createServer } from '../src/server/index.js';
import { createDatabase } from '../src/store/index.js';

const FEED_PATH = '/feeds/vmware.atom';
const LAST_MODIFIED = '2026-11-28T10:15:00.000Z';
const DURATION = Number(process.env['BENCH_DURATION'] ?? 10);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 32);

interface Targets {
  feedloom: string;
  baseline: string;
  bytes: number;
  gzipBytes: number;
}

const WORDS = (
  'the a of to and in for on with at by from as is are was were be has have it its this that new release update ' +
  'cloud hosting server servers virtual machine machines hypervisor kernel linux container containers cluster ' +
  'storage network networking data centre centres migration live gpu workloads ai operators customers pricing ' +
  'licence licensing subscription support security patch vulnerability cve performance latency throughput ' +
  'vmware vsphere esxi broadcom red hat openshift suse canonical ubuntu microsoft azure hyper-v google amazon aws ' +
  'oracle ibm intel amd dell hpe nutanix proxmox kubernetes openstack kvm xen qemu debian fedora rocky alma ' +
  'announced said today week month quarter year percent million billion per node host hosts rack racks region ' +
  'regions zone availability outage incident downtime upgrade upgrades deprecated api apis version versions'
).split(' ');

/** Deterministic pseudo-random prose (mulberry32), so the feed compresses like real text rather than a repeated phrase. */
function prose(seed: number, words: number): string {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out: string[] = [];
  for (let i = 0; i < words; i += 1) out.push(WORDS[Math.floor(next() * WORDS.length)] ?? 'cloud');
  return out.join(' ');
}

/** A realistic curated Atom feed: 50 entries with titles, links, categories, a summary and HTML content (~100 KB). */
function atomFeed(): string {
  const entries = Array.from({ length: 50 }, (_, i) => {
    const day = String(28 - (i % 28)).padStart(2, '0');
    const outlet = `outlet${i % 6}.example.com`;
    const paragraphs = Array.from({ length: 3 }, (_, p) =>
      `&lt;p&gt;${prose(i * 10 + p, 45)}. &lt;a href="https://${outlet}/2026/11/${day}/story-${i}#p${p}"&gt;Read more&lt;/a&gt;&lt;/p&gt;`).join('');
    return `  <entry>
    <title type="text">${prose(i * 10 + 7, 11)}</title>
    <id>tag:feedloom.example,2026:story/${48_000 + i}</id>
    <link rel="alternate" type="text/html" href="https://${outlet}/2026/11/${day}/story-${i}"/>
    <published>2026-11-${day}T${String(i % 24).padStart(2, '0')}:15:00Z</published>
    <updated>2026-11-${day}T${String(i % 24).padStart(2, '0')}:45:00Z</updated>
    <author><name>Outlet ${i % 6}</name><uri>https://${outlet}/</uri></author>
    <source><title>Outlet ${i % 6}</title><id>https://${outlet}/feed</id></source>
    <category term="virtualisation"/><category term="vendor-${i % 7}"/><category term="cloud"/>
    <summary type="text">${prose(i * 10 + 8, 35)}</summary>
    <content type="html">${paragraphs}</content>
  </entry>`;
  }).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>VMware news</title>
  <subtitle>Hosting &amp; Cloud Industry Headlines: VMware</subtitle>
  <id>https://feedloom.example/feeds/vmware.atom</id>
  <link rel="self" type="application/atom+xml" href="https://feedloom.example/feeds/vmware.atom"/>
  <link rel="alternate" type="text/html" href="https://feedloom.example/feeds/vmware"/>
  <updated>${LAST_MODIFIED.replace('.000', '')}</updated>
  <generator>feedloom</generator>
${entries}
</feed>
`;
}

/** Child process: start feedloom and the baseline on 127.0.0.1, print their URLs as one JSON line, run until killed. */
async function serveTargets(): Promise<void> {
  const body = Buffer.from(atomFeed());
  const contentType = 'application/atom+xml; charset=utf-8';
  const handle = await createDatabase('sqlite::memory:');
  const feedloom = await createServer({
    site: {
      render: async (path) => (path === FEED_PATH ? { status: 200, contentType, body, lastModified: LAST_MODIFIED } : undefined),
      notFound: async () => ({ status: 404, contentType: 'text/html; charset=utf-8', body: '<h1>Not found</h1>' }),
    },
    db: handle.db, logger: createLogger('warn'), csp: "default-src 'self'", host: '127.0.0.1', port: 0,
  });
  const { url: feedloomUrl } = await feedloom.listen();

  const gzipped = gzipSync(body, { level: 6 });
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}-gzip"`;
  const common = {
    etag, 'last-modified': new Date(LAST_MODIFIED).toUTCString(), 'cache-control': 'public, max-age=300',
    vary: 'Accept-Encoding', 'x-content-type-options': 'nosniff',
  };
  const baseline = createHttpServer((req, res) => {
    if (req.url !== FEED_PATH) return void res.writeHead(404).end();
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, common).end();
    res.writeHead(200, { ...common, 'content-type': contentType, 'content-encoding': 'gzip', 'content-length': gzipped.length }).end(gzipped);
  });
  await new Promise<void>((resolve) => baseline.listen(0, '127.0.0.1', resolve));
  const port = (baseline.address() as AddressInfo).port;
  const targets: Targets = { feedloom: feedloomUrl, baseline: `http://127.0.0.1:${port}`, bytes: body.length, gzipBytes: gzipped.length };
  process.stdout.write(JSON.stringify(targets) + '\n');
  process.once('SIGTERM', () => {
    baseline.close();
    void feedloom.close().then(() => handle.close()).then(() => process.exit(0));
  });
}

interface Scenario {
  name: string;
  url: string;
  headers: Record<string, string>;
  status: number;
}

/** Parent: run each scenario through autocannon and print one table. */
async function main(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--target'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const lines = createInterface({ input: child.stdout });
    const first = await new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`server process exited with ${code}`)));
    });
    const targets = JSON.parse(first) as Targets;
    const gzipTag = (await fetch(targets.feedloom + FEED_PATH, { headers: { 'accept-encoding': 'gzip' } })).headers.get('etag') ?? '';
    const baselineTag = (await fetch(targets.baseline + FEED_PATH, { headers: { 'accept-encoding': 'gzip' } })).headers.get('etag') ?? '';
    const scenarios: Scenario[] = [
      { name: 'feedloom: cached feed, gzip', url: targets.feedloom + FEED_PATH, headers: { 'accept-encoding': 'gzip' }, status: 200 },
      { name: 'feedloom: cached feed, br', url: targets.feedloom + FEED_PATH, headers: { 'accept-encoding': 'br, gzip' }, status: 200 },
      { name: 'feedloom: If-None-Match → 304', url: targets.feedloom + FEED_PATH, headers: { 'accept-encoding': 'gzip', 'if-none-match': gzipTag }, status: 304 },
      { name: 'baseline static: gzip', url: targets.baseline + FEED_PATH, headers: { 'accept-encoding': 'gzip' }, status: 200 },
      { name: 'baseline static: 304', url: targets.baseline + FEED_PATH, headers: { 'accept-encoding': 'gzip', 'if-none-match': baselineTag }, status: 304 },
    ];
    console.log(`feed: ${(targets.bytes / 1024).toFixed(1)} KB, gzip ${(targets.gzipBytes / 1024).toFixed(1)} KB; ` +
      `${CONNECTIONS} connections, ${DURATION} s per scenario (after a 2 s warm-up)\n`);
    const rows: string[][] = [];
    const rates = new Map<string, number>();
    for (const scenario of scenarios) {
      await autocannon({ url: scenario.url, headers: scenario.headers, connections: CONNECTIONS, duration: 2 });
      const result = await autocannon({ url: scenario.url, headers: scenario.headers, connections: CONNECTIONS, duration: DURATION });
      const total = Object.values(result.statusCodeStats).reduce((sum, s) => sum + s.count, 0);
      const expected = result.statusCodeStats[String(scenario.status)]?.count ?? 0;
      const problems = [
        expected !== total ? `${total - expected} not ${scenario.status}` : '',
        result.errors > 0 ? `${result.errors} errors` : '',
        result.timeouts > 0 ? `${result.timeouts} timeouts` : '',
      ].filter((p) => p !== '').join(', ');
      rates.set(scenario.name, result.requests.average);
      rows.push([
        scenario.name, String(scenario.status), result.requests.average.toFixed(0), result.latency.p50.toFixed(2),
        result.latency.p99.toFixed(2), (result.throughput.average / 1024 / 1024).toFixed(1), problems || 'ok',
      ]);
    }
    const baselineOf = (name: string): number | undefined =>
      rates.get(name.includes('304') ? 'baseline static: 304' : 'baseline static: gzip');
    for (const row of rows) {
      const name = row[0] ?? '';
      const base = baselineOf(name);
      row.splice(6, 0, name.startsWith('baseline') || base === undefined ? '' : `${((rates.get(name) ?? 0) / base).toFixed(2)}×`);
    }
    printTable(['scenario', 'status', 'req/s', 'p50 ms', 'p99 ms', 'MB/s', 'vs static', 'check'], rows);
  } finally {
    child.kill('SIGTERM');
  }
}

function printTable(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

if (process.argv[2] === '--target') await serveTargets();
else await main();
