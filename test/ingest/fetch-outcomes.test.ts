import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { countItems } from '../../src/store/index.js';
import { runCli } from '../cli/run-cli.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { redirect, startOrigin } from '../support/origin.js';
import type { Origin } from '../support/origin.js';

const feed = (title: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>https://example.org/</link>`
  + `<description>d</description>${[1, 2, 3].map((n) => `<item><guid>${title}-${n}</guid><title>${title} item ${n}</title></item>`).join('')}</channel></rss>`;

interface Summary {
  sources: { total: number; ok: number; notModified: number; failed: number };
  items: { new: number };
  failures: { source: string; code: string; message: string }[];
  notices: { source: string; kind: string; message: string }[];
}

let origin: Origin;
let folder: string;

beforeAll(async () => {
  origin = await startOrigin();
  // Validators the server says not to keep: Cache-Control: no-store, or Expires: 0.
  origin.route('/no-store', { body: feed('no-store'), headers: { 'content-type': 'application/rss+xml', etag: '"v1"', 'last-modified': 'Tue, 01 Apr 2025 10:00:00 GMT', 'cache-control': 'no-store' } });
  origin.route('/expires-0', { body: feed('expires'), headers: { 'content-type': 'application/rss+xml', etag: '"v2"', expires: '0' } });
  origin.route('/cacheable', { body: feed('cacheable'), conditional: true, headers: { 'content-type': 'application/rss+xml' } });
  // A Cloudflare bot wall.
  origin.route('/walled', { status: 403, body: '<!DOCTYPE html><html><title>Just a moment...</title></html>', headers: { 'content-type': 'text/html', 'cf-mitigated': 'challenge' } });
  origin.route('/forbidden', { status: 403, body: 'no', headers: { 'content-type': 'text/plain' } });
  // Two sources, one of which moved permanently onto the other's URL.
  origin.route('/main.xml', { body: feed('main'), headers: { 'content-type': 'application/rss+xml' } });
  origin.route('/old.xml', redirect('/main.xml', 301));
  // A web page that links its feeds, given where a feed was expected.
  origin.route('/blog', { body: '<!doctype html><html><head><title>Blog</title><link rel="alternate" type="application/rss+xml" title="Posts" href="/main.xml">'
    + '<link rel="alternate" type="application/atom+xml" href="https://blog.example/comments.atom"></head><body>hi</body></html>', headers: { 'content-type': 'text/html; charset=utf-8' } });
  folder = mkdtempSync(path.join(tmpdir(), 'feedloom-fetch-outcomes-'));
});
afterAll(async () => {
  await origin.close();
  rmSync(folder, { recursive: true, force: true });
});
beforeEach(() => origin.clearRequests());

function config(name: string, ids: string[], urls: Record<string, string> = {}): string {
  const file = path.join(folder, `${name}.json`);
  writeFileSync(file, JSON.stringify({
    fetch: { allowPrivateNetworks: true, timeoutMs: 5000 },
    sources: ids.map((id) => ({ id, url: origin.urlFor(urls[id] ?? `/${id}`) })),
  }));
  return file;
}

async function ingest(env: Record<string, string>, ...args: string[]): Promise<Summary> {
  const result = await runCli(['ingest', '--all', '--json', ...args], { env, cwd: folder });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Summary;
}

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'ingest: what a response says about its validators, its publisher and its URL', (current) => {
    it('stores no validators sent with Cache-Control: no-store or Expires: 0, so none are sent back', async () => {
      const env = { DATABASE_URL: current().url, FEEDLOOM_CONFIG: config(`validators-${dialect}`, ['no-store', 'expires-0', 'cacheable']) };
      await ingest(env);
      await ingest(env);
      const stored = await current().db.selectFrom('sources').select(['id', 'etag', 'last_modified']).orderBy('id').execute();
      expect(stored.find((s) => s.id === 'no-store')).toMatchObject({ etag: null, last_modified: null });
      expect(stored.find((s) => s.id === 'expires-0')).toMatchObject({ etag: null, last_modified: null });
      expect(stored.find((s) => s.id === 'cacheable')?.etag).toMatch(/^".+"$/);
      expect(origin.requestsTo('/no-store')[1]?.headers['if-none-match']).toBeUndefined();
      expect(origin.requestsTo('/no-store')[1]?.headers['if-modified-since']).toBeUndefined();
      expect(origin.requestsTo('/expires-0')[1]?.headers['if-none-match']).toBeUndefined();
      expect(origin.requestsTo('/cacheable')[1]?.headers['if-none-match']).toBeTruthy();
    });

    it('gives a 403 bot challenge (cf-mitigated: challenge) its own code, BLOCKED_BY_CHALLENGE; a plain 403 stays HTTP_STATUS', async () => {
      const env = { DATABASE_URL: current().url, FEEDLOOM_CONFIG: config(`walled-${dialect}`, ['walled', 'forbidden']) };
      const summary = await ingest(env);
      expect(summary.failures.map((f) => [f.source, f.code]).sort()).toEqual([['forbidden', 'HTTP_STATUS'], ['walled', 'BLOCKED_BY_CHALLENGE']]);
      expect(summary.failures.find((f) => f.source === 'walled')?.message).toMatch(/bot challenge .* ask them to allow this feed/);
      const rows = await current().db.selectFrom('fetches').select(['source_id', 'error_code', 'http_status']).where('source_id', '=', 'walled').execute();
      expect(rows).toEqual([{ source_id: 'walled', error_code: 'BLOCKED_BY_CHALLENGE', http_status: 403 }]);
    });

    it('reports a source that permanently redirects onto another source\'s URL, and stops fetching it', async () => {
      const file = config(`duplicate-${dialect}`, ['main', 'old'], { main: '/main.xml', old: '/old.xml' });
      const env = { DATABASE_URL: current().url, FEEDLOOM_CONFIG: file };
      const first = await ingest(env);
      expect(first.notices).toEqual([expect.objectContaining({ source: 'old', kind: 'duplicate', message: expect.stringMatching(/of source "main": a duplicate, no longer fetched/) })]);
      // The same three items, stored once (by "main"), not twice.
      expect(await countItems(current().db)).toBe(3);
      const second = await ingest(env);
      expect(second.sources.total).toBe(1);
      expect(origin.requestsTo('/old.xml')).toHaveLength(1);
      const list = await runCli(['sources', 'list'], { env, cwd: folder });
      expect(list.stdout).toMatch(/old\s+\S+old\.xml\s+duplicate/);
      expect(list.stdout).toContain('note: old permanently redirects onto the URL of "main": a duplicate, not fetched; remove one of the two from the config');
      const json = JSON.parse((await runCli(['sources', 'list', '--json'], { env, cwd: folder })).stdout) as { id: string; status: string; duplicateOf: string | null }[];
      expect(json.find((s) => s.id === 'old')).toMatchObject({ status: 'duplicate', duplicateOf: 'main' });
      expect(await countItems(current().db)).toBe(3);
    });

    it('fails a web page as NOT_A_FEED naming the feeds it links to', async () => {
      const env = { DATABASE_URL: current().url, FEEDLOOM_CONFIG: config(`page-${dialect}`, ['blog']) };
      const summary = await ingest(env);
      expect(summary.failures).toEqual([{
        source: 'blog', url: origin.urlFor('/blog'), code: 'NOT_A_FEED',
        message: `an HTML page, not a feed; it links to 2 feeds: ${origin.urlFor('/main.xml')} (application/rss+xml), https://blog.example/comments.atom (application/atom+xml)`,
      }]);
      const row = await current().db.selectFrom('sources').select(['last_error']).where('id', '=', 'blog').executeTakeFirst();
      expect(row?.last_error).toContain(`it links to 2 feeds: ${origin.urlFor('/main.xml')}`);
    });
  });
}
