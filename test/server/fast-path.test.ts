import { gunzipSync } from 'node:zlib';
import { afterEach, expect, it } from 'vitest';
import { createServer } from '../../src/server/index.js';
import type { FeedloomServer, Rendered, ServerOptions, SiteFreshness } from '../../src/server/index.js';
import { describeDatabase } from '../support/databases.js';
import { atomFeed, fakeSite, memoryLogger } from './fake-site.js';
import { send } from './http-client.js';
import { parsePrometheus, sampleValue } from './prometheus-parser.js';
import { RawConnection, withoutDate } from './raw-http.js';

const CSP = "default-src 'none'; frame-ancestors 'none'";
const FEED = atomFeed(20);
const pages: Record<string, Rendered> = {
  '/': { status: 200, contentType: 'text/html; charset=utf-8', body: `<!doctype html><title>Headlines</title>${'<li>A headline</li>'.repeat(100)}` },
  '/feeds/vmware.atom': { status: 200, contentType: 'application/atom+xml; charset=utf-8', body: Buffer.from(FEED), lastModified: '2026-11-28T10:15:00Z' },
  '/feeds/small.json': { status: 200, contentType: 'application/feed+json; charset=utf-8', body: '{"version":"https://jsonfeed.org/version/1.1","items":[]}' },
};
const FEED_PATH = '/feeds/vmware.atom';
const POST = 'POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n';

/** A site whose freshness the test sets: a generation that stays, and a database problem switched on and off. */
function site() {
  const state: { generation: number; problem: string | undefined } = { generation: 1, problem: undefined };
  const freshness: SiteFreshness = {
    get generation() { return state.generation; },
    get problem() { return state.problem; },
    watch: () => () => {},
  };
  return { site: Object.assign(fakeSite(pages), { freshness }), state };
}

const get = (path: string, headers = 'Host: t\r\n', method = 'GET', version = '1.1') => `${method} ${path} HTTP/${version}\r\n${headers}\r\n`;

describeDatabase('sqlite', 'the fast path on the socket', (current) => {
  const running: FeedloomServer[] = [];
  const connections: RawConnection[] = [];
  afterEach(async () => {
    for (const connection of connections.splice(0)) connection.close();
    await Promise.all(running.splice(0).map((s) => s.close()));
  });

  async function start(options: Partial<ServerOptions> = {}) {
    const logger = memoryLogger();
    const { site: fake, state } = site();
    const server = await createServer({ site: fake, db: current().db, logger, csp: CSP, port: 0, ...options });
    running.push(server);
    const { url } = await server.listen();
    // Render each page once and build the codings the tests ask for (the first answers go through fastify).
    for (const path of Object.keys(pages)) {
      for (const coding of ['gzip', 'br', 'identity']) await send(url, path, { headers: { 'accept-encoding': coding } });
    }
    const open = async () => {
      const connection = await RawConnection.open(url);
      connections.push(connection);
      return connection;
    };
    // Log lines of requests after this setup (some of its own were answered on the fast path already).
    const since = logger.lines.length;
    const lines = () => logger.lines.slice(since).filter((l) => l.includes(' request '));
    const fastLines = () => lines().filter((l) => l.includes('fast=true'));
    return { url, lines, state, open, fastLines, server };
  }

  it('writes byte for byte what node:http writes for the same request: 200, 304 and HEAD, in every coding and connection mode', async () => {
    const { open, fastLines } = await start();
    const etagOf = async (path: string, coding: string) => {
      const c = await open();
      await c.write(get(path, `Host: t\r\nAccept-Encoding: ${coding}\r\n`));
      return (await c.response()).headers['etag'] ?? '';
    };
    const cases: { request: string; head: boolean; closes: boolean }[] = [];
    for (const path of Object.keys(pages)) {
      for (const coding of ['gzip', 'br', 'identity', 'gzip, deflate, br']) {
        const etag = await etagOf(path, coding);
        const base = `Host: t\r\nAccept-Encoding: ${coding}\r\n`;
        cases.push(
          { request: get(path, base), head: false, closes: false },
          { request: get(path, base, 'HEAD'), head: true, closes: false },
          { request: get(path, `${base}If-None-Match: ${etag}\r\n`), head: false, closes: false },
          { request: get(path, `${base}Connection: close\r\n`), head: false, closes: true },
          { request: get(path, `${base}Connection: close\r\nIf-None-Match: ${etag}\r\n`), head: false, closes: true },
          { request: get(path, `Accept-Encoding: ${coding}\r\n`, 'GET', '1.0'), head: false, closes: true },
          { request: get(path, `Accept-Encoding: ${coding}\r\nConnection: keep-alive\r\n`, 'GET', '1.0'), head: false, closes: false },
          // node:http closes after a 304 to an HTTP/1.0 keep-alive request (no length to delimit it).
          { request: get(path, `Accept-Encoding: ${coding}\r\nConnection: keep-alive\r\nIf-None-Match: ${etag}\r\n`, 'GET', '1.0'), head: false, closes: true },
          { request: get(path, `Accept-Encoding: ${coding}\r\nConnection: Keep-Alive\r\n`, 'HEAD', '1.0'), head: true, closes: false },
        );
      }
    }
    for (const { request, head, closes } of cases) {
      const before = fastLines().length;
      const fast = await open();
      await fast.write(request);
      const fromFast = await fast.response(head);
      expect(fastLines().length, request).toBe(before + 1);
      // The same request on a connection node:http owns (a POST first hands it over).
      const node = await open();
      await node.write(POST + request);
      expect((await node.response()).status).toBe(405);
      const fromNode = await node.response(head);
      expect(fastLines().length, request).toBe(before + 1);
      expect(withoutDate(fromFast.head), request).toBe(withoutDate(fromNode.head));
      expect(fromFast.body.equals(fromNode.body), request).toBe(true);
      expect(fromFast.headers['date']).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
      if (closes) {
        await fast.done;
        await node.done;
      } else {
        // Both still open: a second request on each is answered.
        await fast.write(get('/feeds/small.json'));
        await node.write(get('/feeds/small.json'));
        expect((await fast.response()).status).toBe(200);
        expect((await node.response()).status).toBe(200);
      }
    }
  });

  it('answers pipelined requests from one write in order, and a request written a byte at a time', async () => {
    const { open, fastLines } = await start();
    const c = await open();
    await c.write(get(FEED_PATH, 'Host: t\r\nAccept-Encoding: gzip\r\n'));
    const etag = (await c.response()).headers['etag'] ?? '';
    await c.write(
      get(FEED_PATH, 'Host: t\r\nAccept-Encoding: gzip\r\n') +
      get(FEED_PATH, 'Host: t\r\n', 'HEAD') +
      get(FEED_PATH, `Host: t\r\nAccept-Encoding: gzip\r\nIf-None-Match: ${etag}\r\n`) +
      get('/feeds/small.json'),
    );
    const gzip = await c.response();
    expect(gunzipSync(gzip.body).toString()).toBe(FEED);
    const head = await c.response(true);
    expect([head.status, head.headers['content-length'], head.headers['content-encoding']]).toEqual([200, String(Buffer.byteLength(FEED)), undefined]);
    expect((await c.response()).status).toBe(304);
    expect((await c.response()).body.toString()).toContain('jsonfeed');
    expect(fastLines()).toHaveLength(5);

    const slow = await open();
    await slow.trickle(get(FEED_PATH, 'Host: t\r\nAccept-Encoding: identity\r\n') + get('/feeds/small.json'), 3);
    expect((await slow.response()).body.toString()).toBe(FEED);
    expect((await slow.response()).status).toBe(200);
    expect(fastLines()).toHaveLength(7);
    expect(slow.rest()).toHaveLength(0);
  });

  it('hands a connection to node:http at its first request it does not take, and node:http answers the rest in order', async () => {
    const { open, fastLines, lines } = await start();
    // Hot, not hot (never rendered: 404), hot again: in one write, then in separate writes.
    const sequence = [get(FEED_PATH), get('/feeds/none.atom'), get(FEED_PATH, 'Host: t\r\n', 'HEAD'), get('/')];
    for (const together of [true, false]) {
      const before = fastLines().length;
      const c = await open();
      const statuses: number[] = [];
      if (together) await c.write(sequence.join(''));
      for (const [i, request] of sequence.entries()) {
        if (!together) await c.write(request);
        const response = await c.response(i === 2);
        statuses.push(response.status);
        if (i === 0 || i === 2) expect(response.headers['content-length']).toBe(String(Buffer.byteLength(FEED)));
        if (i === 0) expect(response.body.toString()).toBe(FEED);
      }
      expect(statuses).toEqual([200, 404, 200, 200]);
      expect(fastLines().length).toBe(before + 1);
    }
    // After the handover the hot requests were answered by node:http's listener, still hot.
    expect(lines().filter((l) => l.includes('hot=true') && !l.includes('fast=true'))).toHaveLength(4);
  });

  it('leaves POST, garbage, oversized heads, bodies and upgrades to node:http, which answers them as it does without the fast path', async () => {
    const { open, fastLines } = await start();
    const exchange = async (request: string) => {
      const c = await open();
      await c.write(request);
      const response = await c.response();
      return { response, c };
    };
    const post = await exchange('POST /feeds/vmware.atom HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc');
    expect([post.response.status, post.response.headers['allow']]).toEqual([405, 'GET, HEAD']);
    const garbage = await exchange('HELLO THERE\r\n\r\n');
    expect(garbage.response.status).toBe(400);
    await garbage.c.done;
    const lowercase = await exchange('get /feeds/vmware.atom HTTP/1.1\r\nHost: t\r\n\r\n');
    expect(lowercase.response.status).toBe(400);
    // 12 KiB of headers: past the fast path's limit, within node:http's 16 KiB; 20 KiB: past both.
    const big = await exchange(get(FEED_PATH, `Host: t\r\nX-Pad: ${'a'.repeat(12 * 1024)}\r\n`));
    expect([big.response.status, big.response.body.toString()]).toEqual([200, FEED]);
    const huge = await exchange(get(FEED_PATH, `Host: t\r\nX-Pad: ${'a'.repeat(20 * 1024)}\r\n`));
    expect(huge.response.status).toBe(431);
    // A GET with a body: node:http reads the body and answers; the next request on the connection is answered too.
    const withBody = await exchange(`GET ${FEED_PATH} HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello${get('/feeds/small.json')}`);
    expect(withBody.response.status).toBe(200);
    expect((await withBody.c.response()).body.toString()).toContain('jsonfeed');
    const chunked = await exchange(`GET ${FEED_PATH} HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`);
    expect(chunked.response.status).toBe(200);
    // Duplicated headers the fast path reads, HTTP/1.1 without Host, an unusual Connection: node:http decides.
    const twice = await exchange(get(FEED_PATH, 'Host: t\r\nAccept-Encoding: gzip\r\nAccept-Encoding: br\r\n'));
    expect(twice.response.status).toBe(200);
    const noHost = await exchange(get(FEED_PATH, ''));
    expect(noHost.response.status).toBe(400);
    const upgrade = await exchange(get(FEED_PATH, 'Host: t\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n'));
    expect(upgrade.response.status).toBe(200);
    const query = await exchange(get(`${FEED_PATH}?x=1`));
    expect(query.response.status).toBe(200);
    expect(fastLines()).toHaveLength(0);
  });

  it('stops reading while a client does not read its answers, then answers every pipelined request in order', async () => {
    const { open, fastLines } = await start();
    const c = await open();
    c.socket.pause();
    // ~12 MB of answers: more than the socket buffers hold, so the server has to wait for 'drain'.
    const count = 300;
    await c.write(Array.from({ length: count }, (_, i) => get(i % 2 === 0 ? FEED_PATH : '/feeds/small.json')).join(''));
    c.socket.resume();
    for (let i = 0; i < count; i += 1) {
      const response = await c.response();
      expect(response.body.length, `response ${i}`).toBe(i % 2 === 0 ? Buffer.byteLength(FEED) : 57);
    }
    expect(fastLines()).toHaveLength(count);
  });

  it('answers a head cut short by the client\'s end with 400, as node:http does', async () => {
    const { open } = await start();
    const c = await open();
    await c.write('GET /feeds/small.json HTTP/1.1\r\nHost: t\r\n');
    c.socket.end();
    expect((await c.response()).status).toBe(400);
    await c.done;
  });

  it('honours Connection: close, ignoring what was pipelined after it', async () => {
    const { open } = await start();
    const c = await open();
    await c.write(get('/feeds/small.json', 'Host: t\r\nConnection: close\r\n') + get(FEED_PATH));
    const response = await c.response();
    expect([response.status, response.headers['connection']]).toEqual([200, 'close']);
    await c.done;
    expect(c.rest()).toHaveLength(0);
  });

  it('closes idle connections as node:http does: keepAliveTimeout after a response, headersTimeout for a head (408)', async () => {
    const { open } = await start({ keepAliveTimeoutMs: 100, headersTimeoutMs: 300 });
    const idle = await open();
    await idle.write(get('/feeds/small.json'));
    const response = await idle.response();
    expect(response.headers['keep-alive']).toBe('timeout=0');
    await idle.done;
    expect(idle.rest()).toHaveLength(0);
    // A connection that never sends a head, and one that sends it too slowly: 408, as fastify answers it.
    const silent = await open();
    const slowloris = await open();
    const trickling = slowloris.trickle('GET /feeds/small.json HTTP/1.1\r\nHost: t\r\nX-Slow: 1234567890', 1, 50).catch(() => {});
    for (const c of [silent, slowloris]) {
      const timeout = await c.response();
      expect(timeout.status).toBe(408);
      await c.done;
    }
    await trickling;
  });

  it('answers with the last good bytes and a Warning while the database cannot be read, and counts every answer', async () => {
    const { url, open, state, fastLines } = await start();
    const c = await open();
    await c.write(get(FEED_PATH, 'Host: t\r\nAccept-Encoding: gzip\r\n'));
    const fresh = await c.response();
    expect(fresh.headers['warning']).toBeUndefined();
    state.problem = 'connection refused';
    await c.write(get(FEED_PATH, 'Host: t\r\nAccept-Encoding: gzip\r\n') + get(FEED_PATH, `Host: t\r\nAccept-Encoding: gzip\r\nIf-None-Match: ${fresh.headers['etag'] ?? ''}\r\n`));
    const stale = await c.response();
    expect([stale.status, stale.headers['etag'], stale.headers['warning']]).toEqual([200, fresh.headers['etag'], expect.stringMatching(/^111 feedloom /)]);
    expect(stale.body.equals(fresh.body)).toBe(true);
    const staleNotModified = await c.response();
    expect([staleNotModified.status, staleNotModified.headers['warning']]).toEqual([304, stale.headers['warning']]);
    state.problem = undefined;
    expect(fastLines()).toHaveLength(3);
    const exposition = parsePrometheus((await send(url, '/metrics')).body.toString());
    // The setup's 3 renderings of the feed plus 2 fast 200s; 1 fast 304.
    expect(sampleValue(exposition, 'feedloom_http_requests_total', { route: 'feed_atom', status: '200' })).toBe(5);
    expect(sampleValue(exposition, 'feedloom_http_requests_total', { route: 'feed_atom', status: '304' })).toBe(1);
    expect(sampleValue(exposition, 'feedloom_http_request_duration_seconds_count', { route: 'feed_atom' })).toBe(6);
    expect(sampleValue(exposition, 'feedloom_http_stale_responses_total', {})).toBe(2);
  });

  it('stops answering when the generation changes, and hands the request to node:http to render again', async () => {
    const { open, state, fastLines } = await start();
    state.generation = 2;
    const c = await open();
    await c.write(get(FEED_PATH));
    expect((await c.response()).body.toString()).toBe(FEED);
    expect(fastLines()).toHaveLength(0);
    const again = await open();
    await again.write(get(FEED_PATH));
    expect((await again.response()).status).toBe(200);
    expect(fastLines()).toHaveLength(1);
  });

  it('ends its idle connections when the server closes, and survives clients that reset mid-response', async () => {
    const { open, server, url } = await start({ closeTimeoutMs: 60_000 });
    const reset = await open();
    await reset.write(get(FEED_PATH).repeat(200));
    reset.socket.resetAndDestroy();
    // Still answering after the reset.
    expect((await send(url, FEED_PATH)).status).toBe(200);
    const idle = await open();
    await idle.write(get('/feeds/small.json'));
    expect((await idle.response()).status).toBe(200);
    await server.close();
    await idle.done;
  });
});
