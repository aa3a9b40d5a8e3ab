// Tests for test/support/origin.ts (the local origin every feedloom test shares) beyond what the
// fetch tests already exercise.
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOrigin } from './origin.js';
import type { Origin } from './origin.js';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function get(url: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

let origin: Origin;

beforeAll(async () => {
  origin = await startOrigin({ conditional: true, gzip: true });
});
afterAll(async () => {
  await origin.close();
});
beforeEach(() => {
  origin.clearRequests();
});

describe('startOrigin', () => {
  it('answers unknown paths with 404 until a catch-all is registered', async () => {
    expect((await get(origin.urlFor('/nope'))).status).toBe(404);
    origin.route('*', { status: 410, body: 'gone' });
    expect((await get(origin.urlFor('/nope'))).status).toBe(410);
    origin.route('*', { status: 404, body: 'not found' });
  });

  it('applies the origin defaults: validators, 304, gzip only when accepted', async () => {
    origin.route('/doc', { body: 'hello feed', headers: { 'content-type': 'text/plain' } });
    const plain = await get(origin.urlFor('/doc'));
    expect(plain.body.toString()).toBe('hello feed');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    const zipped = await get(origin.urlFor('/doc'), { headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.body).toString()).toBe('hello feed');
    const etag = String(plain.headers.etag);
    expect((await get(origin.urlFor('/doc'), { headers: { 'if-none-match': `W/${etag}` } })).status).toBe(304);
    expect((await get(origin.urlFor('/doc'), { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
    const since = String(plain.headers['last-modified']);
    expect((await get(origin.urlFor('/doc'), { headers: { 'if-modified-since': since } })).status).toBe(304);
  });

  it('lets explicit headers win over computed ones, and answers HEAD without a body', async () => {
    origin.route('/explicit', { body: 'x', headers: { etag: '"fixed"', 'content-type': 'application/atom+xml' } });
    const head = await get(origin.urlFor('/explicit?x=1'), { method: 'HEAD' });
    expect(head.headers.etag).toBe('"fixed"');
    expect(head.headers['content-type']).toBe('application/atom+xml');
    expect(head.body.length).toBe(0);
    expect(origin.requestsTo('/explicit')).toMatchObject([
      { method: 'HEAD', path: '/explicit?x=1', pathname: '/explicit' },
    ]);
  });

  it('turns a throwing handler into a 500', async () => {
    origin.route('/broken', () => {
      throw new Error('boom');
    });
    expect((await get(origin.urlFor('/broken'))).status).toBe(500);
  });
});
