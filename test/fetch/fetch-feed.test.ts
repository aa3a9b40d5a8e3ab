import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchFeed } from '../../src/fetch/index.js';
import { addRedirectChain, redirect, startOrigin } from '../support/origin.js';
import type { Origin } from '../support/origin.js';
import { harness, testRequest } from './fetch-harness.js';

const FEED = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Test feed</title>
${'<item><title>Hypervisor news</title><link>https://example.org/a</link></item>\n'.repeat(50)}
</channel></rss>`;

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

describe('fetchFeed: a plain GET', () => {
  it('returns the body and the response metadata', async () => {
    origin.route('/feed.xml', { body: FEED, headers: { 'content-type': 'application/rss+xml; charset=utf-8' } });
    const url = origin.urlFor('/feed.xml');
    const result = await fetchFeed(testRequest(url), harness().options);
    expect(result).toMatchObject({
      url,
      finalUrl: url,
      status: 200,
      notModified: false,
      contentType: 'application/rss+xml; charset=utf-8',
      etag: undefined,
      lastModified: undefined,
      redirects: [],
      permanentRedirect: undefined,
      wireBytes: Buffer.byteLength(FEED),
    });
    expect(result.body.toString('utf8')).toBe(FEED);
    expect(result.headers['content-length']).toBe(String(Buffer.byteLength(FEED)));
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('sends one request with the configured User-Agent, a feed Accept and the codings it decodes', async () => {
    origin.route('/feed.xml', { body: FEED });
    const userAgent = 'feedloom/9.9 (+ops@example.org)';
    await fetchFeed(testRequest(origin.urlFor('/feed.xml'), { userAgent }), harness().options);
    const sent = origin.requestsTo('/feed.xml');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.method).toBe('GET');
    expect(sent[0]?.headers['user-agent']).toBe(userAgent);
    expect(sent[0]?.headers['accept']).toMatch(/^application\/rss\+xml, application\/atom\+xml/);
    expect(sent[0]?.headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(sent[0]?.headers['if-none-match']).toBeUndefined();
    expect(sent[0]?.headers['if-modified-since']).toBeUndefined();
  });

  it('sends a source\'s Basic credentials to its own origin only, never to a redirect elsewhere', async () => {
    const basic = `Basic ${Buffer.from('reader:s3cret').toString('base64')}`;
    origin.route('/private.xml', (req, res) => {
      const ok = req.headers.authorization === basic;
      res.writeHead(ok ? 200 : 401).end(ok ? FEED : 'no');
    });
    const auth = { username: 'reader', password: 's3cret' };
    expect((await fetchFeed(testRequest(origin.urlFor('/private.xml'), { auth }), harness().options)).status).toBe(200);
    const other = await startOrigin();
    try {
      other.route('/elsewhere.xml', { body: FEED });
      origin.route('/moved.xml', redirect(other.urlFor('/elsewhere.xml')));
      await fetchFeed(testRequest(origin.urlFor('/moved.xml'), { auth }), harness().options);
      expect(origin.requestsTo('/moved.xml')[0]?.headers.authorization).toBe(basic);
      expect(other.requestsTo('/elsewhere.xml')[0]?.headers.authorization).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('refuses a URL carrying user:password@ (BAD_URL) without sending anything or echoing the password', async () => {
    origin.route('/private.xml', { body: FEED });
    const url = origin.urlFor('/private.xml').replace('http://', 'http://reader:s3cret@');
    const error = await fetchFeed(testRequest(url), harness().options).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: 'BAD_URL' });
    expect((error as Error).message).toMatch(/credentials \(user:password@\) in the URL are refused/);
    expect((error as Error).message).not.toContain('s3cret');
    expect(origin.requestsTo('/private.xml')).toHaveLength(0);
  });
});

describe('fetchFeed: conditional GET', () => {
  it('sends the validators it was given and reports 304 as not modified with an empty body', async () => {
    origin.route('/cond.xml', { body: FEED, conditional: true });
    const url = origin.urlFor('/cond.xml');
    const first = await fetchFeed(testRequest(url), harness().options);
    expect(first.status).toBe(200);
    expect(first.etag).toMatch(/^".+"$/);
    expect(first.lastModified).toMatch(/GMT$/);

    const second = await fetchFeed(
      testRequest(url, { etag: first.etag, lastModified: first.lastModified }),
      harness().options,
    );
    expect(second).toMatchObject({ status: 304, notModified: true, etag: first.etag, wireBytes: 0 });
    expect(second.body.length).toBe(0);
    const sent = origin.requestsTo('/cond.xml');
    expect(sent).toHaveLength(2);
    expect(sent[1]?.headers['if-none-match']).toBe(first.etag);
    expect(sent[1]?.headers['if-modified-since']).toBe(first.lastModified);
  });

  it('honours If-Modified-Since alone', async () => {
    origin.route('/ims.xml', { body: FEED, conditional: { lastModified: 'Tue, 01 Apr 2025 10:00:00 GMT' } });
    const result = await fetchFeed(
      testRequest(origin.urlFor('/ims.xml'), { lastModified: 'Tue, 01 Apr 2025 10:00:00 GMT' }),
      harness().options,
    );
    expect(result.notModified).toBe(true);
  });

  it('gets the new body when the validator no longer matches', async () => {
    origin.route('/changed.xml', { body: FEED, conditional: true });
    const result = await fetchFeed(testRequest(origin.urlFor('/changed.xml'), { etag: '"stale"' }), harness().options);
    expect(result.status).toBe(200);
    expect(result.body.toString()).toBe(FEED);
    expect(result.etag).not.toBe('"stale"');
  });

  it('keeps the validators it sent when a 304 does not repeat them', async () => {
    origin.route('/bare304', { status: 304 });
    const result = await fetchFeed(
      testRequest(origin.urlFor('/bare304'), { etag: '"v1"', lastModified: 'Tue, 01 Apr 2025 10:00:00 GMT' }),
      harness().options,
    );
    expect(result).toMatchObject({ notModified: true, etag: '"v1"', lastModified: 'Tue, 01 Apr 2025 10:00:00 GMT' });
  });
});

describe('fetchFeed: content decoding', () => {
  const body = Buffer.from(FEED);
  const CODINGS: [string, Buffer][] = [
    ['gzip', gzipSync(body)],
    ['x-gzip', gzipSync(body)],
    ['deflate', deflateSync(body)],
    ['deflate', deflateRawSync(body)], // raw deflate, as some servers send it
    ['br', brotliCompressSync(body)],
    ['deflate, gzip', gzipSync(deflateSync(body))],
    ['identity', body],
  ];

  it.each(CODINGS)('decodes Content-Encoding %s', async (coding, wire) => {
    origin.route('/coded', { body: wire, headers: { 'content-encoding': coding } });
    const result = await fetchFeed(testRequest(origin.urlFor('/coded')), harness().options);
    expect(result.body.equals(body)).toBe(true);
    expect(result.wireBytes).toBe(wire.length);
  });

  it('decodes the origin’s negotiated gzip and counts wire bytes before decoding', async () => {
    origin.route('/gz.xml', { body: FEED, gzip: true });
    const result = await fetchFeed(testRequest(origin.urlFor('/gz.xml')), harness().options);
    expect(result.headers['content-encoding']).toBe('gzip');
    expect(result.body.toString()).toBe(FEED);
    expect(result.wireBytes).toBeLessThan(body.length / 4);
  });

  it('returns an empty body for an empty coded response', async () => {
    origin.route('/empty-gz', { body: '', headers: { 'content-encoding': 'gzip' } });
    const result = await fetchFeed(testRequest(origin.urlFor('/empty-gz')), harness().options);
    expect(result.body.length).toBe(0);
  });
});

describe('fetchFeed: redirects', () => {
  it('records a 301 and reports where the source now lives', async () => {
    origin.route('/old.xml', redirect('/new.xml', 301)).route('/new.xml', { body: FEED });
    const result = await fetchFeed(testRequest(origin.urlFor('/old.xml')), harness().options);
    expect(result.finalUrl).toBe(origin.urlFor('/new.xml'));
    expect(result.redirects).toEqual([{ from: origin.urlFor('/old.xml'), to: origin.urlFor('/new.xml'), status: 301 }]);
    expect(result.permanentRedirect).toBe(origin.urlFor('/new.xml'));
    expect(result.body.toString()).toBe(FEED);
  });

  it.each([
    [[301, 308], true],
    [[308], true],
    [[302], false],
    [[301, 302], false],
    [[307, 301], false],
    [[303], false],
  ])('statuses %j: permanent redirect %s', async (statuses, permanent) => {
    addRedirectChain(origin, { from: '/perm', to: '/perm-final.xml', hops: statuses.length, statuses });
    origin.route('/perm-final.xml', { body: FEED });
    const result = await fetchFeed(testRequest(origin.urlFor('/perm')), harness().options);
    expect(result.redirects.map((hop) => hop.status)).toEqual(statuses);
    expect(result.permanentRedirect).toBe(permanent ? origin.urlFor('/perm-final.xml') : undefined);
  });

  it('follows exactly maxRedirects hops, sending the validators on every hop', async () => {
    addRedirectChain(origin, { from: '/five', to: '/five-final.xml', hops: 5 });
    origin.route('/five-final.xml', { body: FEED });
    const result = await fetchFeed(testRequest(origin.urlFor('/five'), { etag: '"e"' }), harness().options);
    expect(result.redirects).toHaveLength(5);
    expect(origin.requests.map((request) => request.headers['if-none-match'])).toEqual(Array(6).fill('"e"'));
  });

  it('resolves a redirect to a host name itself and connects to the checked address, Host intact', async () => {
    const target = `http://feeds.test:${origin.port}/moved.xml`;
    origin.route('/to-name', redirect(target, 301)).route('/moved.xml', { body: FEED });
    const fence = harness({ 'feeds.test': [{ address: '127.0.0.1', family: 4 }] });
    const result = await fetchFeed(testRequest(origin.urlFor('/to-name')), fence.options);
    expect(result.finalUrl).toBe(target);
    expect(fence.lookups).toEqual(['feeds.test']);
    expect(fence.connects.map((target) => [target.hostname, target.address])).toEqual([
      ['127.0.0.1', '127.0.0.1'],
      ['feeds.test', '127.0.0.1'],
    ]);
    expect(origin.requestsTo('/moved.xml')[0]?.headers.host).toBe(`feeds.test:${origin.port}`);
  });
});
