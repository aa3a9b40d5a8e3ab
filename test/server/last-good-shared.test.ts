/**
 * The last good copies on disk between servers on one directory, as between the workers of one `serve` (or a
 * `serve` and the one restarted after it): a page one server rendered is answered by another while the
 * database cannot be read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createServer } from '../../src/server/index.js';
import type { FeedloomServer, Rendered, SiteFreshness } from '../../src/server/index.js';
import { until } from '../scale/spawn-cli.js';
import { describeDatabase } from '../support/databases.js';
import { atomFeed, fakeSite, memoryLogger } from './fake-site.js';

const ATOM = 'application/atom+xml; charset=utf-8';

/** A freshness whose problem the test sets: both servers see the database go away at once. */
function sharedFreshness(): SiteFreshness & { problem: string | undefined } {
  return { generation: 1, problem: undefined, watch: () => () => undefined };
}

describeDatabase('sqlite', 'last good copies shared on disk', (current) => {
  const running: FeedloomServer[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.close()));
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function setup() {
    const dir = mkdtempSync(path.join(tmpdir(), 'feedloom-shared-'));
    dirs.push(dir);
    const freshness = sharedFreshness();
    let failing = false;
    const page = (body: string, contentType = ATOM): () => Promise<Rendered> => async () => {
      if (failing) throw new Error('render failed');
      return { status: 200, contentType, body, lastModified: '2026-11-28T10:15:00Z' };
    };
    const pages = {
      '/feeds/a.atom': page(atomFeed(20)),
      '/': page('<!doctype html><title>Home</title><p>Home page</p>', 'text/html; charset=utf-8'),
      '/stories/1': page('<!doctype html><title>Story</title>', 'text/html; charset=utf-8'),
    };
    const start = async () => {
      const logger = memoryLogger();
      const site = { ...fakeSite(pages), freshness };
      const server = await createServer({ site, db: current().db, logger, csp: "default-src 'self'", port: 0, lastGood: { dir: path.join(dir, 'copies') } });
      running.push(server);
      return { server, site, logger };
    };
    return { freshness, start, fail: () => (failing = true) };
  }

  it('answers a page another server rendered with its bytes and ETag while the database is away, 503 for one none rendered', async () => {
    const { freshness, start } = setup();
    const a = await start();
    const b = await start();
    const seen = new Map<string, { etag: string; body: Buffer }>();
    for (const url of ['/feeds/a.atom', '/']) {
      const res = await a.server.inject({ url, headers: { 'accept-encoding': 'gzip' } });
      expect(res.status).toBe(200);
      seen.set(url, { etag: res.headers['etag'] ?? '', body: res.body });
    }
    // The copies are written off the request path: wait until the other server could read them.
    freshness.problem = 'database gone';
    await until(async () => (await b.server.inject({ url: '/feeds/a.atom' })).status === 200, 10_000);

    const askedBefore = b.site.asked.length;
    for (const [url, before] of seen) {
      const stale = await b.server.inject({ url, headers: { 'accept-encoding': 'gzip' } });
      expect([stale.status, stale.headers['etag']], url).toEqual([200, before.etag]);
      expect(stale.body.equals(before.body), url).toBe(true);
      expect(stale.headers['warning'], url).toMatch(/^111 /);
      expect(stale.headers['last-modified']).toBe('Sat, 28 Nov 2026 10:15:00 GMT');
      const conditional = await b.server.inject({ url, headers: { 'accept-encoding': 'gzip', 'if-none-match': before.etag } });
      expect([conditional.status, conditional.headers['etag']], url).toEqual([304, before.etag]);
    }
    const home = await b.server.inject({ url: '/' });
    expect(home.headers['content-security-policy']).toBe("default-src 'self'");
    expect(home.body.toString()).toContain('Home page');
    const never = await b.server.inject({ url: '/stories/1' });
    expect(never.status).toBe(503);
    expect(Number(never.headers['retry-after'])).toBeGreaterThan(0);
    // Nothing was rendered by the other server while the database was away.
    expect(b.site.asked.length).toBe(askedBefore);

    // Back: the other server renders for itself again, without a warning.
    freshness.problem = undefined;
    const fresh = await b.server.inject({ url: '/stories/1' });
    expect(fresh.status).toBe(200);
    expect(fresh.headers['warning']).toBeUndefined();
  });

  it('answers from the copies a server wrote before it was stopped, after a restart', async () => {
    const { freshness, start } = setup();
    const first = await start();
    const before = await first.server.inject({ url: '/feeds/a.atom', headers: { 'accept-encoding': 'br' } });
    expect(before.status).toBe(200);
    await first.server.close();

    const again = await start();
    freshness.problem = 'database gone';
    const stale = await again.server.inject({ url: '/feeds/a.atom', headers: { 'accept-encoding': 'br' } });
    expect([stale.status, stale.headers['etag'], stale.headers['content-encoding']]).toEqual([200, before.headers['etag'], 'br']);
    expect(stale.body.equals(before.body)).toBe(true);
  });

  it('does not answer from disk while the database can be read: a failed render is a 500', async () => {
    const { start, fail } = setup();
    const writer = await start();
    expect((await writer.server.inject({ url: '/feeds/a.atom' })).status).toBe(200);
    await writer.server.close();
    const other = await start();
    fail();
    const res = await other.server.inject({ url: '/feeds/a.atom' });
    expect(res.status).toBe(500);
    expect(res.headers['warning']).toBeUndefined();
  });
});
