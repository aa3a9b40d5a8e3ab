import { afterEach, expect, it } from 'vitest';
import { createServer } from '../../src/server/index.js';
import type { FeedloomServer } from '../../src/server/index.js';
import { recordFetch, syncSources } from '../../src/store/index.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { configuredSource, fetchOutcome, itemRecord } from '../store/builders.js';
import { fakeSite, memoryLogger } from './fake-site.js';
import { send } from './http-client.js';
import { parsePrometheus, sampleValue } from './prometheus-parser.js';
import type { ParsedExposition } from './prometheus-parser.js';

const site = fakeSite({
  '/': { status: 200, contentType: 'text/html; charset=utf-8', body: '<p>home</p>' },
  '/feeds/all.xml': { status: 200, contentType: 'application/rss+xml; charset=utf-8', body: '<rss version="2.0"/>' },
  '/archive/2026/11': { status: 200, contentType: 'text/html; charset=utf-8', body: '<p>November</p>' },
});

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'health and metrics', (current) => {
    const running: FeedloomServer[] = [];
    afterEach(async () => {
      await Promise.all(running.splice(0).map((s) => s.close()));
    });

    async function start() {
      const logger = memoryLogger();
      const server = await createServer({ site, db: current().db, logger, csp: "default-src 'self'", port: 0, healthTimeoutMs: 1_000 });
      running.push(server);
      return { ...(await server.listen()), logger };
    }

    async function scrape(url: string): Promise<ParsedExposition> {
      const res = await send(url, '/metrics');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      return parsePrometheus(res.body.toString());
    }

    it('/healthz answers 200 ok while the database answers', async () => {
      const { url } = await start();
      const res = await send(url, '/healthz');
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body.toString())).toEqual({ status: 'ok' });
      expect(res.headers['cache-control']).toBe('no-store');
      expect((await send(url, '/healthz', { method: 'HEAD' })).status).toBe(200);
    });

    it('/healthz answers 503 with a one-line reason when the database is gone', async () => {
      const { url, logger } = await start();
      await current().close();
      const res = await send(url, '/healthz');
      expect(res.status).toBe(503);
      expect(res.headers['cache-control']).toBe('no-store');
      const body = res.body.toString();
      expect(body.trimEnd()).not.toContain('\n');
      const parsed = JSON.parse(body) as { status: string; reason: string };
      expect(parsed.status).toBe('unavailable');
      expect(parsed.reason).toMatch(/^database: ./);
      expect(logger.lines.filter((l) => / error /.test(l))).toHaveLength(1);
    });

    it('/metrics counts requests by route label and status, never by raw path', async () => {
      const { url } = await start();
      const before = await scrape(url);
      expect(sampleValue(before, 'feedloom_http_requests_total', { route: 'page', status: '200' })).toBeUndefined();
      await send(url, '/');
      await send(url, '/?page=2');
      await send(url, '/feeds/all.xml');
      await send(url, '/archive/2026/11');
      for (let i = 0; i < 20; i += 1) await send(url, `/made-up/${i}`);
      await send(url, '/', { method: 'POST' });
      await send(url, '/healthz');
      const after = await scrape(url);
      expect(sampleValue(after, 'feedloom_http_requests_total', { route: 'page', status: '200' })).toBe(2);
      expect(sampleValue(after, 'feedloom_http_requests_total', { route: 'feed_rss', status: '200' })).toBe(1);
      expect(sampleValue(after, 'feedloom_http_requests_total', { route: 'archive', status: '200' })).toBe(1);
      expect(sampleValue(after, 'feedloom_http_requests_total', { route: 'not_found', status: '404' })).toBe(20);
      expect(sampleValue(after, 'feedloom_http_requests_total', { route: 'bad_request', status: '405' })).toBe(1);
      expect(sampleValue(after, 'feedloom_http_requests_total', { route: 'health', status: '200' })).toBe(1);
      // The first scrape is counted once it has been answered.
      expect(sampleValue(after, 'feedloom_http_requests_total', { route: 'metrics', status: '200' })).toBe(1);
      expect(after.types.get('feedloom_http_request_duration_seconds')).toBe('histogram');
      expect(sampleValue(after, 'feedloom_http_request_duration_seconds_count', { route: 'not_found' })).toBe(20);
      expect(sampleValue(after, 'feedloom_http_request_duration_seconds_bucket', { route: 'not_found', le: '+Inf' })).toBe(20);
      const buckets = after.samples.filter((s) => s.name === 'feedloom_http_request_duration_seconds_bucket' && s.labels['route'] === 'page');
      expect(buckets.map((b) => b.value)).toEqual([...buckets.map((b) => b.value)].sort((a, b) => a - b));
      const routes = new Set(after.samples.map((s) => s.labels['route']).filter((r) => r !== undefined));
      expect([...routes].every((r) => /^[a-z_]+$/.test(r ?? ''))).toBe(true);
      expect(after.samples.some((s) => Object.values(s.labels).some((v) => v.includes('/')))).toBe(false);
    });

    it('/metrics reports fetches, items and source health from the database', async () => {
      const { url } = await start();
      const empty = await scrape(url);
      expect(sampleValue(empty, 'feedloom_store_up')).toBe(1);
      expect(sampleValue(empty, 'feedloom_items_total', { outcome: 'new' })).toBe(0);
      expect(sampleValue(empty, 'feedloom_story_merges_total')).toBe(0);
      expect(sampleValue(empty, 'feedloom_items_stored')).toBe(0);

      const db = current().db;
      await syncSources(db, [configuredSource('lwn'), configuredSource('the-register'), configuredSource('off', { enabled: false })]);
      await recordFetch(db, fetchOutcome('lwn', { startedAt: '2026-11-28T10:00:00.000Z', items: [itemRecord('a'), itemRecord('b')] }));
      await recordFetch(db, fetchOutcome('lwn', { startedAt: '2026-11-28T10:30:00.000Z', items: [itemRecord('a'), itemRecord('b'), itemRecord('c')] }));
      await recordFetch(db, fetchOutcome('lwn', { startedAt: '2026-11-28T11:00:00.000Z', status: 304, notModified: true }));
      for (const minute of ['00', '30']) {
        await recordFetch(db, fetchOutcome('the-register', {
          startedAt: `2026-11-28T10:${minute}:00.000Z`, status: null, error: { code: 'TIMEOUT', message: 'no answer in 20 s' },
        }));
      }
      await recordFetch(db, fetchOutcome('the-register', {
        startedAt: '2026-11-28T11:00:00.000Z', status: 503, error: { code: 'HTTP_STATUS', message: 'HTTP 503' },
      }));
      // recordFetch founds one story per new item (until clustering merges them); drop one to tell the counts apart.
      const story = await db.selectFrom('stories').select('id').orderBy('id').executeTakeFirstOrThrow();
      await db.deleteFrom('stories').where('id', '=', story.id).execute();

      const m = await scrape(url);
      expect(m.types.get('feedloom_fetches_total')).toBe('counter');
      expect(sampleValue(m, 'feedloom_fetches_total', { result: 'ok', code: '200' })).toBe(2);
      expect(sampleValue(m, 'feedloom_fetches_total', { result: 'not_modified', code: '304' })).toBe(1);
      expect(sampleValue(m, 'feedloom_fetches_total', { result: 'error', code: 'TIMEOUT' })).toBe(2);
      expect(sampleValue(m, 'feedloom_fetches_total', { result: 'error', code: 'HTTP_STATUS' })).toBe(1);
      expect(sampleValue(m, 'feedloom_items_total', { outcome: 'new' })).toBe(3);
      expect(sampleValue(m, 'feedloom_items_total', { outcome: 'unchanged' })).toBe(2);
      expect(sampleValue(m, 'feedloom_items_total', { outcome: 'updated' })).toBe(0);
      expect(sampleValue(m, 'feedloom_items_stored')).toBe(3);
      expect(sampleValue(m, 'feedloom_stories_stored')).toBe(2);
      expect(sampleValue(m, 'feedloom_source_last_success_timestamp_seconds', { source: 'lwn' })).toBe(Date.parse('2026-11-28T11:00:00Z') / 1000);
      expect(sampleValue(m, 'feedloom_source_last_success_timestamp_seconds', { source: 'the-register' })).toBe(0);
      expect(sampleValue(m, 'feedloom_source_error_streak', { source: 'lwn' })).toBe(0);
      expect(sampleValue(m, 'feedloom_source_error_streak', { source: 'the-register' })).toBe(3);
      // A disabled source is no longer watched.
      expect(sampleValue(m, 'feedloom_source_error_streak', { source: 'off' })).toBeUndefined();

      // One more fetch: the counters move.
      await recordFetch(db, fetchOutcome('the-register', { startedAt: '2026-11-28T11:30:00.000Z', items: [itemRecord('z')] }));
      const later = await scrape(url);
      expect(sampleValue(later, 'feedloom_fetches_total', { result: 'ok', code: '200' })).toBe(3);
      expect(sampleValue(later, 'feedloom_items_total', { outcome: 'new' })).toBe(4);
      expect(sampleValue(later, 'feedloom_source_error_streak', { source: 'the-register' })).toBe(0);
    });

    it('/metrics still answers with the HTTP counters when the database is gone', async () => {
      const { url, logger } = await start();
      await send(url, '/');
      await current().close();
      const m = await scrape(url);
      expect(sampleValue(m, 'feedloom_store_up')).toBe(0);
      expect(sampleValue(m, 'feedloom_http_requests_total', { route: 'page', status: '200' })).toBe(1);
      expect(sampleValue(m, 'feedloom_items_stored')).toBeUndefined();
      expect(logger.lines.filter((l) => / error .*metrics/.test(l))).toHaveLength(1);
    });
  });
}
