import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchFeed } from '../../src/fetch/index.js';
import { createSelfSignedCertificate, startOrigin } from '../support/origin.js';
import type { Origin } from '../support/origin.js';
import { failure, harness, testRequest } from './fetch-harness.js';

const FEED = '<rss version="2.0"><channel><title>secure</title></channel></rss>';

describe('connecting to the checked address', () => {
  let secure: Origin;
  let cert: string;

  beforeAll(async () => {
    const pair = await createSelfSignedCertificate(['feeds.test']);
    cert = pair.cert;
    secure = await startOrigin({ tls: pair });
    secure.route('/feed.xml', { body: FEED });
  });
  afterAll(async () => {
    await secure.close();
  });

  it('keeps TLS SNI, certificate checks and Host on the name while connecting to the address', async () => {
    const fence = harness(
      { 'feeds.test': [{ address: '127.0.0.1', family: 4 }] },
      { isAddressAllowed: (a) => a === '127.0.0.1', ca: cert },
    );
    const url = `https://feeds.test:${secure.port}/feed.xml`;
    const result = await fetchFeed(testRequest(url), fence.options);
    expect(result.body.toString()).toBe(FEED);
    expect(fence.lookups).toEqual(['feeds.test']);
    expect(fence.connects).toEqual([{ hostname: 'feeds.test', address: '127.0.0.1', port: secure.port }]);
    const seen = secure.requests.at(-1);
    expect(seen?.servername).toBe('feeds.test');
    expect(seen?.headers.host).toBe(`feeds.test:${secure.port}`);
  });

  it('checks the certificate against the URL’s host, not the address it connected to', async () => {
    const fence = harness({}, { isAddressAllowed: (a) => a === '127.0.0.1', ca: cert });
    const error = await failure(fetchFeed(testRequest(`https://127.0.0.1:${secure.port}/feed.xml`), fence.options));
    expect(error.code).toBe('TLS');
    expect(error.message).toContain('ERR_TLS_CERT_ALTNAME_INVALID');
  });
});

describe('several addresses', () => {
  let origin: Origin;

  beforeAll(async () => {
    origin = await startOrigin();
    origin.route('/feed.xml', { body: FEED });
  });
  afterAll(async () => {
    await origin.close();
  });

  it('moves on to the next checked address when one refuses the connection', async () => {
    const fence = harness(
      { 'multi.test': [{ address: '127.0.0.2', family: 4 }, { address: '127.0.0.1', family: 4 }] },
      { isAddressAllowed: (a) => a.startsWith('127.') },
    );
    const result = await fetchFeed(testRequest(`http://multi.test:${origin.port}/feed.xml`), fence.options);
    expect(result.status).toBe(200);
    expect(fence.lookups).toEqual(['multi.test']);
    expect(fence.connects.map((target) => target.address)).toEqual(['127.0.0.2', '127.0.0.1']);
  });

  it('reports the last refusal when no address answers', async () => {
    const fence = harness({ 'down.test': [{ address: '127.0.0.2', family: 4 }, { address: '127.0.0.3', family: 4 }] }, {
      isAddressAllowed: (a) => a.startsWith('127.'),
    });
    const error = await failure(fetchFeed(testRequest(`http://down.test:${origin.port}/`), fence.options));
    expect(error.code).toBe('REFUSED');
    expect(fence.connects).toHaveLength(2);
  });
});
