import { Agent } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, expect, it } from 'vitest';
import { createServer } from '../../src/server/index.js';
import type { FeedloomServer, Rendered, ServerOptions } from '../../src/server/index.js';
import { describeDatabase } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';
import { send } from './http-client.js';
import { atomFeed, fakeSite, memoryLogger } from './fake-site.js';
import type { FakeSite } from './fake-site.js';

const CSP = "default-src 'none'; style-src 'self'; img-src 'self' https:; frame-ancestors 'none'";
const FEED = atomFeed(20);
const ATOM = 'application/atom+xml; charset=utf-8';
const HTML = 'text/html; charset=utf-8';

const pages: Record<string, Rendered> = {
  '/': { status: 200, contentType: HTML, body: `<!doctype html><title>Headlines</title>${'<li>A headline</li>'.repeat(100)}`, lastModified: '2026-11-28T10:15:00.500Z' },
  '/feeds/vmware.atom': { status: 200, contentType: ATOM, body: Buffer.from(FEED), lastModified: '2026-11-28T10:15:00Z' },
  '/feeds/vmware.json': { status: 200, contentType: 'application/feed+json; charset=utf-8', body: '{"version":"https://jsonfeed.org/version/1.1","items":[]}' },
  '/sources.opml': { status: 200, contentType: 'text/x-opml; charset=utf-8', body: '<opml version="2.0"/>', cacheControl: 'public, max-age=3600' },
};

describeDatabase('sqlite', 'HTTP server', (current) => {
  const running: FeedloomServer[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.close()));
  });

  async function start(site: FakeSite = fakeSite(pages), options: Partial<ServerOptions> = {}) {
    const logger = memoryLogger();
    const db: TestDatabase = current();
    const server = await createServer({ site, db: db.db, logger, csp: CSP, host: '127.0.0.1', port: 0, ...options });
    running.push(server);
    const { url } = await server.listen();
    return { url, site, logger, server };
  }

  it('answers 200 with a strong ETag, Last-Modified, Cache-Control and Vary', async () => {
    const { url } = await start();
    const res = await send(url, '/feeds/vmware.atom');
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe(FEED);
    expect(res.headers['content-type']).toBe(ATOM);
    expect(res.headers['etag']).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect(res.headers['last-modified']).toBe('Sat, 28 Nov 2026 10:15:00 GMT');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers['vary']).toBe('Accept-Encoding');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(FEED)));
    const page = await send(url, '/');
    expect(page.headers['cache-control']).toBe('public, max-age=60');
    expect(page.headers['etag']).not.toBe(res.headers['etag']);
    expect((await send(url, '/sources.opml')).headers['cache-control']).toBe('public, max-age=3600');
  });

  it('answers If-None-Match with 304 (exact, weak, in a list, *) and keeps the validators', async () => {
    const { url } = await start();
    const etag = (await send(url, '/feeds/vmware.atom')).headers['etag'] ?? '';
    for (const ifNoneMatch of [etag, `W/${etag}`, `"nope", ${etag}`, '*']) {
      const res = await send(url, '/feeds/vmware.atom', { headers: { 'if-none-match': ifNoneMatch } });
      expect(res.status, ifNoneMatch).toBe(304);
      expect(res.body.length).toBe(0);
      expect(res.headers['etag']).toBe(etag);
      expect(res.headers['cache-control']).toBe('public, max-age=300');
      expect(res.headers['last-modified']).toBe('Sat, 28 Nov 2026 10:15:00 GMT');
    }
    const stale = await send(url, '/feeds/vmware.atom', { headers: { 'if-none-match': '"somethingelse0000000000"' } });
    expect(stale.status).toBe(200);
    expect(stale.body.toString()).toBe(FEED);
  });

  it('answers 304 to a client sending back the ETag it got with gzip', async () => {
    const { url } = await start();
    const gz = await send(url, '/feeds/vmware.atom', { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const gzTag = gz.headers['etag'] ?? '';
    const identityTag = (await send(url, '/feeds/vmware.atom')).headers['etag'];
    expect(gzTag).not.toBe(identityTag);
    const again = await send(url, '/feeds/vmware.atom', { headers: { 'accept-encoding': 'gzip', 'if-none-match': gzTag } });
    expect(again.status).toBe(304);
    expect(again.headers['etag']).toBe(gzTag);
    // The same client asking without gzip this time: still current, and told the identity tag.
    const plain = await send(url, '/feeds/vmware.atom', { headers: { 'if-none-match': gzTag } });
    expect(plain.status).toBe(304);
    expect(plain.headers['etag']).toBe(identityTag);
  });

  it('answers If-Modified-Since with 304 only when no If-None-Match is given', async () => {
    const { url } = await start();
    const lastModified = 'Sat, 28 Nov 2026 10:15:00 GMT';
    expect((await send(url, '/', { headers: { 'if-modified-since': lastModified } })).status).toBe(304);
    expect((await send(url, '/', { headers: { 'if-modified-since': 'Sun, 29 Nov 2026 00:00:00 GMT' } })).status).toBe(304);
    expect((await send(url, '/', { headers: { 'if-modified-since': 'Sat, 28 Nov 2026 10:14:59 GMT' } })).status).toBe(200);
    expect((await send(url, '/', { headers: { 'if-modified-since': 'garbage' } })).status).toBe(200);
    const both = await send(url, '/', { headers: { 'if-modified-since': lastModified, 'if-none-match': '"other"' } });
    expect(both.status).toBe(200);
    // No Last-Modified on the resource: the date cannot validate anything.
    expect((await send(url, '/feeds/vmware.json', { headers: { 'if-modified-since': lastModified } })).status).toBe(200);
  });

  it('compresses with gzip or brotli as asked, and sends identity otherwise', async () => {
    const { url } = await start();
    const gz = await send(url, '/feeds/vmware.atom', { headers: { 'accept-encoding': 'gzip, deflate' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.body.length).toBeLessThan(Buffer.byteLength(FEED) / 3);
    expect(gunzipSync(gz.body).toString()).toBe(FEED);
    expect(gz.headers['content-length']).toBe(String(gz.body.length));

    const br = await send(url, '/feeds/vmware.atom', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(FEED);
    expect(br.headers['etag']).toMatch(/-br"$/);

    const preferGzip = await send(url, '/feeds/vmware.atom', { headers: { 'accept-encoding': 'br;q=0.5, gzip;q=1' } });
    expect(preferGzip.headers['content-encoding']).toBe('gzip');
    const refused = await send(url, '/feeds/vmware.atom', { headers: { 'accept-encoding': 'gzip;q=0, br;q=0' } });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body.toString()).toBe(FEED);
    // A second request is served from the compressed cache: same bytes.
    const gz2 = await send(url, '/feeds/vmware.atom', { headers: { 'accept-encoding': 'gzip' } });
    expect(gz2.body.equals(gz.body)).toBe(true);
  });

  it('leaves small bodies uncompressed', async () => {
    const { url } = await start();
    const res = await send(url, '/feeds/vmware.json', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(res.body.toString())).toEqual({ version: 'https://jsonfeed.org/version/1.1', items: [] });
    expect(res.headers['content-type']).toBe('application/feed+json; charset=utf-8');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const { url } = await start();
    for (const encoding of ['gzip', 'identity']) {
      const headers = { 'accept-encoding': encoding };
      const get = await send(url, '/feeds/vmware.atom', { headers });
      const head = await send(url, '/feeds/vmware.atom', { method: 'HEAD', headers });
      expect(head.status).toBe(200);
      expect(head.body.length).toBe(0);
      for (const name of ['etag', 'content-type', 'content-length', 'content-encoding', 'last-modified', 'cache-control']) {
        expect(head.headers[name], name).toBe(get.headers[name]);
      }
    }
  });

  it('answers unknown paths with the site 404 page', async () => {
    const { url, site } = await start();
    const res = await send(url, '/feeds/nope.atom');
    expect(res.status).toBe(404);
    expect(res.body.toString()).toBe('<h1>Not found</h1><p>16 chars</p>');
    expect(res.headers['content-security-policy']).toBe(CSP);
    expect(res.headers['etag']).toBeUndefined();
    expect(site.asked).toEqual(['/feeds/nope.atom']);
  });

  it('routes on the path alone: the query string is ignored', async () => {
    const { url, site } = await start();
    const res = await send(url, '/feeds/vmware.atom?utm_source=reader&page=2');
    expect(res.status).toBe(200);
    expect(site.asked).toEqual(['/feeds/vmware.atom']);
  });

  it('refuses methods other than GET and HEAD with 405 and Allow', async () => {
    const { url, site } = await start();
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const res = await send(url, '/feeds/vmware.atom', { method });
      expect(res.status, method).toBe(405);
      expect(res.headers['allow']).toBe('GET, HEAD');
    }
    expect(site.asked).toEqual([]);
  });

  it('refuses bad paths with 400 without asking the site', async () => {
    const { url, site } = await start();
    for (const path of ['/a/../feeds/vmware.atom', '/%2e%2e/etc/passwd', '/feeds/%00.atom', '/%zz', '/..%5c..%5cwin.ini', `/${'a'.repeat(5000)}`]) {
      const res = await send(url, path);
      expect(res.status, path.slice(0, 40)).toBe(400);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(site.asked).toEqual([]);
  });

  it('sends the security headers: CSP and friends on HTML, nosniff everywhere', async () => {
    const { url } = await start();
    const html = await send(url, '/');
    expect(html.headers['content-security-policy']).toBe(CSP);
    expect(html.headers['x-content-type-options']).toBe('nosniff');
    expect(html.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(html.headers['x-frame-options']).toBe('DENY');
    for (const path of ['/feeds/vmware.atom', '/feeds/vmware.json', '/sources.opml', '/healthz', '/metrics', '/nope/../x']) {
      const res = await send(url, path);
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
    }
    const feed = await send(url, '/feeds/vmware.atom');
    expect(feed.headers['content-security-policy']).toBeUndefined();
    expect((await send(url, '/sources.opml')).headers['content-type']).toBe('text/x-opml; charset=utf-8');
  });

  it('turns a render error into a plain 500, logged once', async () => {
    const site = fakeSite({ ...pages, '/boom': () => Promise.reject(new Error('template exploded\n    at secret/stack.ts:1')) });
    const { url, logger } = await start(site);
    const res = await send(url, '/boom', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(500);
    expect(res.body.toString()).toBe('Internal Server Error\n');
    expect(res.headers['cache-control']).toBe('no-store');
    const errors = logger.lines.filter((l) => / error /.test(l));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('template exploded');
    expect(errors[0]).not.toContain('secret/stack');
    expect(logger.lines.some((l) => / debug request .*path=\/boom status=500/.test(l))).toBe(true);
  });

  it('close() lets an in-flight render finish on a keep-alive connection, then stops', async () => {
    let release: (page: Rendered) => void = () => undefined;
    let started: () => void = () => undefined;
    const renderStarted = new Promise<void>((resolve) => { started = resolve; });
    const site = fakeSite({
      ...pages,
      '/slow': () => new Promise<Rendered>((resolve) => { release = resolve; started(); }),
    });
    const { url, server } = await start(site);
    const agent = new Agent({ keepAlive: true });
    expect((await send(url, '/', { agent })).headers['connection']).toBe('keep-alive');
    const inFlight = send(url, '/slow', { agent });
    await renderStarted;
    let closed = false;
    const closing = server.close().then(() => { closed = true; });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(closed).toBe(false);
    await expect(send(url, '/')).rejects.toThrow(/ECONNREFUSED/);
    const releasedAt = Date.now();
    release({ status: 200, contentType: HTML, body: 'finally' });
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('finally');
    expect(res.headers['connection']).toBe('close');
    // Well before the default 10 s close timeout: the kept-alive connection was not left idle.
    await closing;
    expect(closed).toBe(true);
    expect(Date.now() - releasedAt).toBeLessThan(2_000);
    agent.destroy();
  });

  it('close() gives up on a render that never ends after closeTimeoutMs', async () => {
    const site = fakeSite({ ...pages, '/stuck': () => new Promise<Rendered>(() => undefined) });
    const { url, server } = await start(site, { closeTimeoutMs: 200 });
    const inFlight = send(url, '/stuck').then(() => 'answered', () => 'cut');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const began = Date.now();
    await server.close();
    expect(Date.now() - began).toBeGreaterThanOrEqual(150);
    expect(Date.now() - began).toBeLessThan(5_000);
    expect(await inFlight).toBe('cut');
  });

  it('inject answers like the listening server', async () => {
    const { server } = await start();
    const res = await server.inject({ url: '/feeds/vmware.atom?x=1', headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(gunzipSync(res.body).toString()).toBe(FEED);
    expect(res.headers['etag']).toMatch(/-gzip"$/);
  });
});
