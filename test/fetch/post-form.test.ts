import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm } from '../../src/fetch/index.js';
import { FetchError } from '../../src/model/index.js';
import { startOrigin } from '../support/origin.js';
import type { Origin } from '../support/origin.js';

let origin: Origin;
const bodies: string[] = [];
beforeAll(async () => {
  origin = await startOrigin();
  origin.route('/hub', (req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      bodies.push(`${req.method} ${req.headers['content-type']} ${body}`);
      res.writeHead(202).end();
    });
  });
  origin.route('/broken-hub', { status: 500, body: 'no' });
});
afterAll(() => origin.close());

const request = (url: string, allowPrivateNetworks = true) =>
  postForm({ url, form: { 'hub.mode': 'publish', 'hub.url': 'https://news.example/feeds/a.atom' }, userAgent: 'feedloom-test', timeoutMs: 2000, allowPrivateNetworks });

describe('postForm', () => {
  it('posts a urlencoded form and returns the 2xx status', async () => {
    await expect(request(origin.urlFor('/hub'))).resolves.toEqual({ status: 202 });
    expect(bodies.at(-1)).toBe('POST application/x-www-form-urlencoded hub.mode=publish&hub.url=https%3A%2F%2Fnews.example%2Ffeeds%2Fa.atom');
  });

  it('turns a non-2xx answer into HTTP_STATUS', async () => {
    await expect(request(origin.urlFor('/broken-hub'))).rejects.toMatchObject({ code: 'HTTP_STATUS', status: 500 });
  });

  it('refuses a private address unless allowed, before connecting', async () => {
    const before = origin.requests.length;
    const error = await request(origin.urlFor('/hub'), false).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).code).toBe('BLOCKED_ADDRESS');
    expect(origin.requests.length).toBe(before);
  });
});
