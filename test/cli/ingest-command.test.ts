import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { countItems } from '../../src/store/index.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { endlessBody, gzipBomb, slowDrip, startOrigin } from '../support/origin.js';
import type { Origin } from '../support/origin.js';

const CORPUS = path.resolve(process.cwd(), '../shared/corpora/real-world');

/** Corpus feeds served by the origin, with their item counts taken independently (start tags / JSON items). */
const FEEDS = [
  { id: 'aws', file: 'feedjira__AmazonWebServicesBlog.xml', type: 'application/atom+xml' },
  { id: 'cloudblog', file: 'rsparser__cloudblog.rss', type: 'application/rss+xml' },
  { id: 'elastic', file: 'feedrs__jsonfeed_elastic_1.1.json', type: 'application/feed+json' },
  { id: 'heise', file: 'miniflux__rdf_UTF8.xml', type: 'application/rdf+xml' },
  { id: 'spiegel', file: 'feedreader__Rss20Spiegel.xml', type: 'text/xml' },
];

function independentCount(file: string): number {
  const text = readFileSync(path.join(CORPUS, file), 'utf8');
  if (file.endsWith('.json')) return (JSON.parse(text) as { items: unknown[] }).items.length;
  return (text.match(/<(item|entry)[\s>]/g) ?? []).length;
}

interface Summary {
  sources: { total: number; ok: number; notModified: number; failed: number };
  items: { new: number; updated: number; seen: number };
  failures: { source: string; code: string; message: string }[];
}

async function runCli(argv: string[], env: Record<string, string>, cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env,
    cwd,
  });
  return { code, stdout, stderr };
}

let origin: Origin;
let folder: string;

beforeAll(async () => {
  origin = await startOrigin({ conditional: true, gzip: true });
  for (const feed of FEEDS) {
    origin.route(`/${feed.id}`, { body: readFileSync(path.join(CORPUS, feed.file)), headers: { 'content-type': feed.type } });
  }
  origin.route('/broken', { status: 500, body: 'oops', conditional: false });
  origin.route('/html', { body: '<!doctype html><html><head><title>x</title></head><body>hi</body></html>', headers: { 'content-type': 'text/html' } });
  origin.route('/drip', slowDrip({ intervalMs: 100 }));
  origin.route('/bomb', gzipBomb());
  origin.route('/endless', endlessBody());
  folder = mkdtempSync(path.join(tmpdir(), 'feedloom-ingest-'));
  const sources = [...FEEDS.map((f) => f.id), 'broken', 'html'].map((id) => ({ id, url: origin.urlFor(`/${id}`) }));
  writeFileSync(path.join(folder, 'feeds.config.json'), JSON.stringify({
    fetch: { allowPrivateNetworks: true, timeoutMs: 5000, concurrency: 4, maxBytes: 1048576 },
    sources,
    vendors: [{ id: 'amazon', name: 'Amazon', aliases: ['AWS', 'Amazon Web Services', 'Amazon EC2'] }],
  }));
});

afterAll(async () => {
  await origin.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('feedloom ingest', () => {
  it('knows the expected item counts independently', () => {
    for (const feed of FEEDS) expect(independentCount(feed.file), feed.file).toBeGreaterThan(0);
  });
});

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'feedloom ingest end to end', (current) => {
    it('stores every item once, then re-polls with 304s and adds nothing', async () => {
      origin.clearRequests();
      const env = { DATABASE_URL: current().url, FEEDLOOM_CONFIG: path.join(folder, 'feeds.config.json') };
      const expected = FEEDS.reduce((n, f) => n + independentCount(f.file), 0);

      const first = await runCli(['ingest', '--all', '--json'], env, folder);
      expect(first.code, first.stderr).toBe(0);
      const s1 = JSON.parse(first.stdout) as Summary;
      expect(s1.sources).toEqual({ total: FEEDS.length + 2, ok: FEEDS.length, notModified: 0, failed: 2 });
      expect(s1.items.new).toBe(expected);
      expect(s1.failures.map((f) => [f.source, f.code]).sort()).toEqual([['broken', 'HTTP_STATUS'], ['html', 'NOT_A_FEED']]);
      expect(await countItems(current().db)).toBe(expected);
      // Items are tagged with the vendors they are about (headline or lead), in the same write.
      const tagged = await current().db.selectFrom('item_vendors').innerJoin('items', 'items.id', 'item_vendors.item_id')
        .select(['items.source_id', 'items.title', 'item_vendors.vendor_id']).execute();
      expect(new Set(tagged.map((t) => t.vendor_id))).toEqual(new Set(['amazon']));
      const awsHeadlines = tagged.filter((t) => t.source_id === 'aws' && /\bAWS\b|Amazon EC2|Amazon Web Services/.test(t.title));
      expect(awsHeadlines.length).toBeGreaterThanOrEqual(3);

      const second = await runCli(['ingest', '--all', '--json'], env, folder);
      const s2 = JSON.parse(second.stdout) as Summary;
      expect(s2.sources).toEqual({ total: FEEDS.length + 2, ok: 0, notModified: FEEDS.length, failed: 2 });
      expect(s2.items).toEqual({ new: 0, updated: 0, seen: 0 });
      expect(await countItems(current().db)).toBe(expected);

      for (const feed of FEEDS) {
        const requests = origin.requestsTo(`/${feed.id}`);
        expect(requests).toHaveLength(2);
        expect(requests[1]?.headers['if-none-match'], feed.id).toBeTruthy();
      }
      // With --strict, a failed source makes the exit code 1.
      const strict = await runCli(['ingest', '--source', 'broken', '--strict'], env, folder);
      expect(strict.code).toBe(1);
      // The failure is a JSON log line (stderr is not a terminal) naming the source and the code.
      const failure = strict.stderr.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>).find((l) => l['level'] === 'warn');
      expect(failure).toMatchObject({ source: 'broken', code: 'HTTP_STATUS', msg: expect.stringMatching(/^fetch failed: HTTP_STATUS: HTTP 500/) });
    });

    it('refuses an unknown --source with exit 2', async () => {
      const env = { DATABASE_URL: current().url, FEEDLOOM_CONFIG: path.join(folder, 'feeds.config.json') };
      const result = await runCli(['ingest', '--source', 'nope'], env, folder);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/--source nope: no such source/);
    });
  });
}

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'feedloom ingest with hostile sources', (current) => {
    it('records a slow drip, a gzip bomb and an endless body as coded failures of those sources only', async () => {
      const hostile = path.join(folder, `hostile-${dialect}.json`);
      writeFileSync(hostile, JSON.stringify({
        fetch: { allowPrivateNetworks: true, timeoutMs: 1500, maxBytes: 1048576 },
        sources: ['drip', 'bomb', 'endless', 'aws'].map((id) => ({ id, url: origin.urlFor(`/${id}`) })),
      }));
      const result = await runCli(['ingest', '--all', '--json'], { DATABASE_URL: current().url, FEEDLOOM_CONFIG: hostile }, folder);
      expect(result.code, result.stderr).toBe(0);
      const summary = JSON.parse(result.stdout) as Summary;
      expect(summary.sources).toMatchObject({ total: 4, ok: 1, failed: 3 });
      expect(summary.items.new).toBe(independentCount('feedjira__AmazonWebServicesBlog.xml'));
      const rows = await current().db.selectFrom('fetches').select(['source_id', 'error_code']).orderBy('source_id').execute();
      expect(rows.map((r) => [r.source_id, r.error_code])).toEqual([
        ['aws', null], ['bomb', 'TOO_LARGE'], ['drip', 'TIMEOUT'], ['endless', 'TOO_LARGE'],
      ]);
      const sources = await current().db.selectFrom('sources').select(['id', 'error_count', 'last_error_code']).orderBy('id').execute();
      expect(sources.map((s) => [s.id, s.error_count, s.last_error_code])).toEqual([
        ['aws', 0, null], ['bomb', 1, 'TOO_LARGE'], ['drip', 1, 'TIMEOUT'], ['endless', 1, 'TOO_LARGE'],
      ]);
    });
  });
}
