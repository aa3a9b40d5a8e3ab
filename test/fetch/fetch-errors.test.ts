import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchFeed } from '../../src/fetch/index.js';
import { toFetchError } from '../../src/fetch/fetch-errors.js';
import { FetchError } from '../../src/model/errors.js';
import {
  addRedirectChain,
  addRedirectLoop,
  createSelfSignedCertificate,
  endlessBody,
  gzipBomb,
  hang,
  rawResponse,
  redirect,
  resetConnection,
  slowDrip,
  startOrigin,
} from '../support/origin.js';
import type { Origin } from '../support/origin.js';
import { failure, harness, testRequest } from './fetch-harness.js';

let origin: Origin;

beforeAll(async () => {
  origin = await startOrigin();
});
afterAll(async () => {
  await origin.close();
});
beforeEach(() => {
  origin.clearRequests();
});

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('BAD_URL', () => {
  const BAD = ['not a url', 'ftp://example.org/', 'file:///etc/passwd', 'javascript:alert(1)', 'http://', '//x'];

  it.each(BAD)('refuses %j before any lookup or connection', async (url) => {
    const fence = harness();
    const error = await failure(fetchFeed(testRequest(url), fence.options));
    expect(error.code).toBe('BAD_URL');
    expect(fence.lookups).toEqual([]);
    expect(fence.connects).toEqual([]);
  });

  const BAD_LOCATIONS = ['ftp://example.org/feed.xml', 'javascript:alert(1)', 'http://[::1'];

  it.each(BAD_LOCATIONS)('refuses a redirect to %j', async (location) => {
    origin.route('/bad-redirect', redirect(location));
    const error = await failure(fetchFeed(testRequest(origin.urlFor('/bad-redirect')), harness().options));
    expect(error.code).toBe('BAD_URL');
    expect(error.message).toContain(`redirect from ${origin.urlFor('/bad-redirect')}`);
  });
});

describe('DNS', () => {
  it('reports a name that does not resolve', async () => {
    const fence = harness();
    const error = await failure(fetchFeed(testRequest('http://nowhere.test/feed.xml'), fence.options));
    expect(error.code).toBe('DNS');
    expect(error.message).toBe('DNS lookup of nowhere.test failed (ENOTFOUND) fetching http://nowhere.test/feed.xml');
    expect(fence.lookups).toEqual(['nowhere.test']);
    expect(fence.connects).toEqual([]);
  });

  it('reports a name with no address', async () => {
    const error = await failure(fetchFeed(testRequest('http://empty.test/'), harness({ 'empty.test': [] }).options));
    expect(error.code).toBe('DNS');
    expect(error.message).toContain('no address');
  });
});

describe('REFUSED', () => {
  it('reports a closed port', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/feed.xml`;
    const error = await failure(fetchFeed(testRequest(url), harness().options));
    expect(error.code).toBe('REFUSED');
    expect(error.message).toBe(`connection refused fetching ${url}`);
  });
});

describe('RESET', () => {
  it('reports a connection reset mid-body', async () => {
    origin.route('/reset', resetConnection());
    const error = await failure(fetchFeed(testRequest(origin.urlFor('/reset')), harness().options));
    expect(error.code).toBe('RESET');
    expect(error.message).toContain('ECONNRESET');
  });

  it('reports a connection closed mid-body', async () => {
    origin.route('/closed', (_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('<rss>');
      setTimeout(() => res.destroy(), 20);
    });
    const error = await failure(fetchFeed(testRequest(origin.urlFor('/closed')), harness().options));
    expect(error.code).toBe('RESET');
  });
});

describe('TLS', () => {
  it('reports a TLS handshake against a plain-HTTP port', async () => {
    origin.route('/feed.xml', { body: '<rss/>' });
    const url = origin.urlFor('/feed.xml').replace('http://', 'https://');
    const error = await failure(fetchFeed(testRequest(url), harness().options));
    expect(error.code).toBe('TLS');
    expect(error.message).toContain(url);
  });

  it('reports a self-signed certificate', async () => {
    const secure = await startOrigin({ tls: await createSelfSignedCertificate(['feeds.test']) });
    try {
      secure.route('/feed.xml', { body: '<rss/>' });
      const url = `https://feeds.test:${secure.port}/feed.xml`;
      const error = await failure(
        fetchFeed(testRequest(url), harness({ 'feeds.test': [{ address: '127.0.0.1', family: 4 }] }).options),
      );
      expect(error.code).toBe('TLS');
      expect(error.message).toContain('SELF_SIGNED');
      expect(secure.requests).toEqual([]);
    } finally {
      await secure.close();
    }
  });
});

describe('TIMEOUT', () => {
  it('ends a slow drip (1 byte every 200 ms, forever) at the overall deadline', async () => {
    origin.route('/drip', slowDrip({ intervalMs: 200 }));
    const started = Date.now();
    const error = await failure(fetchFeed(testRequest(origin.urlFor('/drip'), { timeoutMs: 1000 }), harness().options));
    const elapsed = Date.now() - started;
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toBe(`timed out after 1000 ms fetching ${origin.urlFor('/drip')}`);
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(1800);
  });

  it('ends a server that never answers at the deadline', async () => {
    origin.route('/hang', hang());
    const started = Date.now();
    const error = await failure(fetchFeed(testRequest(origin.urlFor('/hang'), { timeoutMs: 600 }), harness().options));
    expect(error.code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(1400);
  });

  it('counts redirects against the same deadline', async () => {
    origin.route('/slow-hop', (_req, res) => {
      setTimeout(() => res.writeHead(302, { location: '/hang' }).end(), 400);
    });
    origin.route('/hang', hang());
    const started = Date.now();
    const request = testRequest(origin.urlFor('/slow-hop'), { timeoutMs: 700 });
    const error = await failure(fetchFeed(request, harness().options));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toContain('redirected from');
    expect(Date.now() - started).toBeLessThan(1400);
  });

  it('ends a TLS handshake that never completes at the deadline, not at a per-phase timeout', async () => {
    const silent = createServer(() => undefined); // accepts the connection, never says a word
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const fence = harness();
    const slowLookup = async (): Promise<{ address: string; family: 4 }[]> => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      return [{ address: '127.0.0.1', family: 4 }];
    };
    try {
      const started = Date.now();
      const request = testRequest(`https://silent.test:${port}/`, { timeoutMs: 500 });
      const error = await failure(fetchFeed(request, { ...fence.options, lookup: slowLookup }));
      expect(error.code).toBe('TIMEOUT');
      expect(Date.now() - started).toBeLessThan(850);
    } finally {
      silent.close();
    }
  });

  it('stops waiting on a DNS lookup that hangs', async () => {
    const fence = harness();
    const options = { ...fence.options, lookup: () => new Promise<never>(() => undefined) };
    const started = Date.now();
    const error = await failure(fetchFeed(testRequest('http://slow-dns.test/', { timeoutMs: 300 }), options));
    expect(error.code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reports a caller’s timeout signal as TIMEOUT and a caller’s abort as NETWORK', async () => {
    origin.route('/hang', hang());
    const url = origin.urlFor('/hang');
    const timedOut = await failure(
      fetchFeed(testRequest(url, { timeoutMs: 5000, signal: AbortSignal.timeout(200) }), harness().options),
    );
    expect(timedOut.code).toBe('TIMEOUT');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const request = testRequest(url, { timeoutMs: 5000, signal: controller.signal });
    const aborted = await failure(fetchFeed(request, harness().options));
    expect(aborted.code).toBe('NETWORK');
    expect(aborted.message).toContain('aborted by the caller');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('TOO_LARGE', () => {
  const maxBytes = 1024 * 1024;

  it('refuses a Content-Length over the cap before reading the body', async () => {
    origin.route('/huge', (_req, res) => {
      res.writeHead(200, { 'content-length': String(50 * maxBytes) });
      res.write('<rss>'); // and nothing more: only the header can end this fetch in time
    });
    const started = Date.now();
    const request = testRequest(origin.urlFor('/huge'), { maxBytes, timeoutMs: 1000 });
    const error = await failure(fetchFeed(request, harness().options));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toContain(`Content-Length ${50 * maxBytes}`);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('ends an endless body at the cap', async () => {
    origin.route('/endless', endlessBody());
    const error = await failure(fetchFeed(testRequest(origin.urlFor('/endless'), { maxBytes }), harness().options));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toBe(`body larger than ${maxBytes} bytes from ${origin.urlFor('/endless')}`);
  });

  it('ends a 1 GiB gzip bomb fast, with bounded memory', async () => {
    origin.route('/bomb', gzipBomb({ decodedBytes: 1024 ** 3 }));
    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    const error = await failure(fetchFeed(testRequest(origin.urlFor('/bomb'), { maxBytes }), harness().options));
    expect(error.code).toBe('TOO_LARGE');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(150 * 1024 * 1024);
  });

  it('caps the decoded size even when the wire size is small', async () => {
    const wire = gzipSync(Buffer.alloc(maxBytes + 1, 'a'));
    origin.route('/expands', { body: wire, headers: { 'content-encoding': 'gzip' } });
    const error = await failure(fetchFeed(testRequest(origin.urlFor('/expands'), { maxBytes }), harness().options));
    expect(error.code).toBe('TOO_LARGE');
    expect(wire.length).toBeLessThan(maxBytes / 100);
  });

  it('accepts a body of exactly the cap', async () => {
    origin.route('/exact', { body: gzipSync(Buffer.alloc(maxBytes, 'a')), headers: { 'content-encoding': 'gzip' } });
    const result = await fetchFeed(testRequest(origin.urlFor('/exact'), { maxBytes }), harness().options);
    expect(result.body.length).toBe(maxBytes);
  });
});

describe('TOO_MANY_REDIRECTS', () => {
  it('detects a redirect loop', async () => {
    addRedirectLoop(origin, ['/loop-a', '/loop-b']);
    const error = await failure(fetchFeed(testRequest(origin.urlFor('/loop-a')), harness().options));
    expect(error.code).toBe('TOO_MANY_REDIRECTS');
    expect(error.message).toContain(`redirect loop back to ${origin.urlFor('/loop-a')}`);
    expect(origin.requests).toHaveLength(2);
  });

  it('detects a page redirecting to itself', async () => {
    origin.route('/self', redirect('/self', 301));
    const error = await failure(fetchFeed(testRequest(origin.urlFor('/self')), harness().options));
    expect(error.code).toBe('TOO_MANY_REDIRECTS');
  });

  it('stops after 5 redirects by default', async () => {
    addRedirectChain(origin, { from: '/six', to: '/six-final.xml', hops: 6 });
    origin.route('/six-final.xml', { body: '<rss/>' });
    const error = await failure(fetchFeed(testRequest(origin.urlFor('/six')), harness().options));
    expect(error.code).toBe('TOO_MANY_REDIRECTS');
    expect(error.message).toContain('more than 5 redirects');
    expect(origin.requests).toHaveLength(6);
    expect(origin.requestsTo('/six-final.xml')).toHaveLength(0);
  });

  it('honours a smaller maxRedirects', async () => {
    origin.route('/once', redirect('/feed.xml', 301)).route('/feed.xml', { body: '<rss/>' });
    const error = await failure(fetchFeed(testRequest(origin.urlFor('/once'), { maxRedirects: 0 }), harness().options));
    expect(error.code).toBe('TOO_MANY_REDIRECTS');
  });
});

describe('HTTP_STATUS', () => {
  it('reports a 404 with its status', async () => {
    origin.route('/missing', { status: 404, body: 'gone fishing' });
    const error = await failure(fetchFeed(testRequest(origin.urlFor('/missing')), harness().options));
    expect(error).toMatchObject({ code: 'HTTP_STATUS', status: 404, retryAfter: undefined });
    expect(error.message).toBe(`HTTP 404 Not Found from ${origin.urlFor('/missing')}`);
  });

  it.each([
    ['120', '120'],
    ['soon', undefined],
  ])('reports a 503 with Retry-After %j as %j seconds', async (header, seconds) => {
    origin.route('/busy', { status: 503, headers: { 'retry-after': header } });
    const error = await failure(fetchFeed(testRequest(origin.urlFor('/busy')), harness().options));
    expect(error).toMatchObject({ code: 'HTTP_STATUS', status: 503, retryAfter: seconds });
  });

  it('turns a Retry-After date into seconds from now', async () => {
    origin.route('/limited', { status: 429, headers: { 'retry-after': new Date(Date.now() + 90_000).toUTCString() } });
    const error = await failure(fetchFeed(testRequest(origin.urlFor('/limited')), harness().options));
    expect(error.status).toBe(429);
    expect(Number(error.retryAfter)).toBeGreaterThanOrEqual(85);
    expect(Number(error.retryAfter)).toBeLessThanOrEqual(90);
  });

  it('reports a redirect without a Location, and a 300 it does not follow', async () => {
    origin.route('/nowhere', { status: 302 }).route('/choices', { status: 300, headers: { location: '/feed.xml' } });
    const missing = await failure(fetchFeed(testRequest(origin.urlFor('/nowhere')), harness().options));
    expect(missing).toMatchObject({ code: 'HTTP_STATUS', status: 302 });
    expect(missing.message).toContain('without a Location');
    const choices = await failure(fetchFeed(testRequest(origin.urlFor('/choices')), harness().options));
    expect(choices).toMatchObject({ code: 'HTTP_STATUS', status: 300 });
  });
});

describe('DECOMPRESS', () => {
  it.each([
    ['gzip', Buffer.from('<rss>this is not gzip</rss>')],
    ['br', Buffer.from('<rss>this is not brotli</rss>')],
    ['deflate', Buffer.from([0x78, 0x9c, 0xff, 0xff, 0xff, 0xff, 0x00, 0x01])],
  ])('reports a body that is not valid %s', async (coding, body) => {
    origin.route('/corrupt', { body, headers: { 'content-encoding': coding } });
    const error = await failure(fetchFeed(testRequest(origin.urlFor('/corrupt')), harness().options));
    expect(error.code).toBe('DECOMPRESS');
    expect(error.message).toContain(`cannot decode ${coding} body`);
  });

  it.each(['zstd', 'compress', 'gzip, gzip, gzip'])('reports an unsupported Content-Encoding %j', async (coding) => {
    origin.route('/odd-coding', { body: 'x', headers: { 'content-encoding': coding } });
    const error = await failure(fetchFeed(testRequest(origin.urlFor('/odd-coding')), harness().options));
    expect(error.code).toBe('DECOMPRESS');
    expect(error.message).toContain('unsupported content-encoding');
  });
});

describe('NETWORK', () => {
  it('reports a response that is not HTTP', async () => {
    origin.route('/garbage', rawResponse('HTTP/1.1 abc\r\n\r\n'));
    const error = await failure(fetchFeed(testRequest(origin.urlFor('/garbage')), harness().options));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toContain('invalid HTTP response');
  });
});

describe('toFetchError maps Node and undici errors it cannot provoke locally', () => {
  const coded = (code: string, message = 'boom', cause?: unknown): Error =>
    Object.assign(new Error(message, { cause }), { code });
  const context = {
    where: 'https://feeds.example/rss',
    url: 'https://feeds.example/rss',
    timeoutMs: 1000,
    deadline: { signal: new AbortController().signal, expired: () => false },
    callerSignal: undefined,
  };

  it.each([
    [coded('ENOTFOUND'), 'DNS'],
    [coded('EAI_AGAIN'), 'DNS'],
    [coded('ECONNREFUSED'), 'REFUSED'],
    [coded('ECONNRESET'), 'RESET'],
    [coded('EPIPE'), 'RESET'],
    [coded('UND_ERR_SOCKET', 'other side closed'), 'RESET'],
    [coded('ETIMEDOUT'), 'TIMEOUT'],
    [coded('UND_ERR_CONNECT_TIMEOUT'), 'TIMEOUT'],
    [coded('UND_ERR_HEADERS_TIMEOUT'), 'TIMEOUT'],
    [coded('UND_ERR_BODY_TIMEOUT'), 'TIMEOUT'],
    [coded('CERT_HAS_EXPIRED'), 'TLS'],
    [coded('DEPTH_ZERO_SELF_SIGNED_CERT'), 'TLS'],
    [coded('SELF_SIGNED_CERT_IN_CHAIN'), 'TLS'],
    [coded('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), 'TLS'],
    [coded('ERR_TLS_CERT_ALTNAME_INVALID'), 'TLS'],
    [coded('ERR_SSL_WRONG_VERSION_NUMBER'), 'TLS'],
    [coded('EPROTO'), 'TLS'],
    [Object.assign(coded('Z_DATA_ERROR', 'incorrect header check'), { errno: -3 }), 'DECOMPRESS'],
    [coded('UND_ERR_RESPONSE_EXCEEDED_MAX_SIZE'), 'TOO_LARGE'],
    [coded('EHOSTUNREACH'), 'NETWORK'],
    [coded('UND_ERR_CLOSED'), 'NETWORK'],
    [new Error('something odd'), 'NETWORK'],
    ['a thrown string', 'NETWORK'],
    // the specific cause wins over a generic wrapper
    [new Error('fetch failed', { cause: coded('ECONNREFUSED') }), 'REFUSED'],
    [coded('UND_ERR_CONNECT', 'connect failed', coded('CERT_HAS_EXPIRED')), 'TLS'],
  ])('%s -> %s', (error, code) => {
    const mapped = toFetchError(error, context);
    expect(mapped).toBeInstanceOf(FetchError);
    expect(mapped.code).toBe(code);
    expect(mapped.url).toBe(context.url);
    expect(mapped.message).toMatch(/ (fetching|from) https:\/\/feeds\.example\/rss$/);
    expect(mapped.message).not.toContain('\n');
  });

  it('keeps a FetchError as it is, and calls anything after the deadline a TIMEOUT', () => {
    const original = new FetchError('HTTP_STATUS', 'HTTP 500 from x', { url: 'x', status: 500 });
    expect(toFetchError(original, context)).toBe(original);
    const expired = { ...context, deadline: { ...context.deadline, expired: () => true } };
    expect(toFetchError(coded('ECONNRESET'), expired).code).toBe('TIMEOUT');
  });
});
