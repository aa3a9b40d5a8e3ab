import { Agent } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterEach, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { PAGE_CSP } from '../../src/publish/index.js';
import { createServer } from '../../src/server/index.js';
import type { FeedloomServer } from '../../src/server/index.js';
import { createSite } from '../../src/site/index.js';
import { recordFetch, syncSources } from '../../src/store/index.js';
import { until } from '../scale/spawn-cli.js';
import { configuredSource, fetchOutcome, itemRecord } from '../store/builders.js';
import { describeDatabase } from '../support/databases.js';
import { memoryLogger } from './fake-site.js';
import { send } from './http-client.js';
import type { RawResponse } from './http-client.js';
import { parsePrometheus, sampleValue } from './prometheus-parser.js';

const CONFIG = parseConfig(JSON.stringify({
  site: { title: 'Hot', baseUrl: 'https://news.example' },
  sources: [{ id: 'a', url: 'https://a.example.org/feed.xml' }],
  feeds: [{ id: 'headlines', title: 'All headlines' }],
}), 'test.json');

/** Headers without the ones node:http adds per response (Date) or per connection. */
function stable(response: RawResponse): Record<string, string> {
  const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...rest } = response.headers;
  return rest;
}

describeDatabase('sqlite', 'the hot path', (current) => {
  const running: FeedloomServer[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.close()));
  });

  async function start() {
    const { db } = current();
    await syncSources(db, [configuredSource('a')]);
    await recordFetch(db, fetchOutcome('a', { items: [itemRecord('one', { title: 'Hypervisor patch lands in the kernel' })] }));
    const logger = memoryLogger();
    const site = createSite({ db, config: CONFIG, versionCheckMs: 50 });
    const server = await createServer({ site, db, logger, csp: PAGE_CSP, port: 0 });
    running.push(server);
    return { ...(await server.listen()), logger, db };
  }

  const hotLines = (lines: string[], path: string) => lines.filter((l) => l.includes(' request ') && l.includes(`path=${path} `) && l.includes('hot=true'));

  it('answers a page or feed rendered before with the very headers and bytes fastify sent, without fastify', async () => {
    const { url, logger } = await start();
    for (const [path, headers] of [
      ['/feeds/headlines.atom', { 'accept-encoding': 'gzip' }],
      ['/feeds/headlines.atom', { 'accept-encoding': 'br;q=1, gzip;q=0.5' }],
      ['/feeds/headlines.json', {}],
      ['/', { 'accept-encoding': 'gzip, deflate, br' }],
    ] as const) {
      const first = await send(url, path, { headers });
      const hot = await send(url, path, { headers });
      expect(first.status).toBe(200);
      expect(stable(hot), path).toEqual(stable(first));
      expect(hot.body.equals(first.body), path).toBe(true);
      const head = await send(url, path, { method: 'HEAD', headers });
      expect(stable(head)).toEqual(stable(first));
      expect(head.body).toHaveLength(0);
    }
    expect(hotLines(logger.lines, '/feeds/headlines.atom').length).toBeGreaterThanOrEqual(3);
    // Security headers on the HTML page, the same as every HTML answer.
    const page = await send(url, '/');
    expect(page.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(gunzipSync((await send(url, '/', { headers: { 'accept-encoding': 'gzip' } })).body).toString()).toContain('Hypervisor patch');
  });

  it('answers 304 for the ETag it sent, a weak or listed one, and If-Modified-Since, each as fastify would', async () => {
    const { url, logger } = await start();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await send(url, '/feeds/headlines.atom', { headers: { 'accept-encoding': 'gzip' }, agent });
      const etag = first.headers['etag'] ?? '';
      const plainTag = etag.replace('-gzip"', '"');
      for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${plainTag}`, '*']) {
        const res = await send(url, '/feeds/headlines.atom', { headers: { 'accept-encoding': 'gzip', 'if-none-match': ifNoneMatch }, agent });
        expect(res.status, ifNoneMatch).toBe(304);
        expect(res.headers['etag']).toBe(etag);
        expect(res.body).toHaveLength(0);
      }
      expect((await send(url, '/feeds/headlines.atom', { headers: { 'accept-encoding': 'gzip', 'if-none-match': '"other"' }, agent })).status).toBe(200);
      const lastModified = first.headers['last-modified'] ?? '';
      expect((await send(url, '/feeds/headlines.atom', { headers: { 'accept-encoding': 'gzip', 'if-modified-since': lastModified }, agent })).status).toBe(304);
      expect(hotLines(logger.lines, '/feeds/headlines.atom').filter((l) => l.includes('status=304'))).toHaveLength(5);
    } finally {
      agent.destroy();
    }
  });

  it('counts its answers in the HTTP metrics by route and status', async () => {
    const { url } = await start();
    const first = await send(url, '/feeds/headlines.xml', { headers: { 'accept-encoding': 'gzip' } });
    for (let i = 0; i < 4; i += 1) await send(url, '/feeds/headlines.xml', { headers: { 'accept-encoding': 'gzip' } });
    for (let i = 0; i < 3; i += 1) await send(url, '/feeds/headlines.xml', { headers: { 'accept-encoding': 'gzip', 'if-none-match': first.headers['etag'] ?? '' } });
    const exposition = parsePrometheus((await send(url, '/metrics')).body.toString());
    expect(sampleValue(exposition, 'feedloom_http_requests_total', { route: 'feed_rss', status: '200' })).toBe(5);
    expect(sampleValue(exposition, 'feedloom_http_requests_total', { route: 'feed_rss', status: '304' })).toBe(3);
    expect(sampleValue(exposition, 'feedloom_http_request_duration_seconds_count', { route: 'feed_rss' })).toBe(8);
    expect(sampleValue(exposition, 'feedloom_serving_stale', {})).toBe(0);
  });

  it('serves new content once stored content changes, without a request waiting for the database', async () => {
    const { url, db } = await start();
    const before = await send(url, '/feeds/headlines.json');
    expect(before.body.toString()).not.toContain('Container runtime');
    await recordFetch(db, fetchOutcome('a', {
      startedAt: '2024-06-01T13:00:00.000Z',
      items: [itemRecord('one', { title: 'Hypervisor patch lands in the kernel' }), itemRecord('two', { title: 'Container runtime drops cgroup v1' })],
    }));
    await until(async () => (await send(url, '/feeds/headlines.json')).body.toString().includes('Container runtime'), 10_000);
    const after = await send(url, '/feeds/headlines.json');
    expect(after.headers['etag']).not.toBe(before.headers['etag']);
  });

  it('never keeps an answer for a URL with a query string', async () => {
    const { url, logger } = await start();
    await send(url, '/search?q=hypervisor');
    await send(url, '/search?q=hypervisor');
    await send(url, '/feeds/headlines.xml?utm=x');
    await send(url, '/feeds/headlines.xml?utm=x');
    expect(logger.lines.filter((l) => l.includes('hot=true'))).toHaveLength(0);
  });
});
