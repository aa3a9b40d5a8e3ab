import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchFeed, proxyFor, proxySettings } from '../../src/fetch/index.js';
import { createSelfSignedCertificate, startOrigin } from '../support/origin.js';
import type { Origin } from '../support/origin.js';
import { startProxy } from '../support/proxy.js';
import type { TestProxy } from '../support/proxy.js';
import { runCli } from '../cli/run-cli.js';
import { failure, harness, testRequest } from './fetch-harness.js';

const FEED = '<rss version="2.0"><channel><title>through a proxy</title></channel></rss>';
const LOCAL = { 'feeds.test': [{ address: '127.0.0.1', family: 4 as const }] };

let origin: Origin;
let proxy: TestProxy;

beforeAll(async () => {
  origin = await startOrigin();
  origin.route('/feed.xml', { body: FEED });
  proxy = await startProxy();
});
afterAll(async () => {
  await proxy.close();
  await origin.close();
});
beforeEach(() => {
  proxy.requests.length = 0;
  origin.clearRequests();
});

describe('fetching through a proxy', () => {
  it('sends an http fetch to the proxy, naming the checked address of the target, with the Host of the URL', async () => {
    const fence = harness(LOCAL, { isAddressAllowed: (a) => a === '127.0.0.1' });
    const url = `http://feeds.test:${origin.port}/feed.xml`;
    const result = await fetchFeed(testRequest(url, { proxy: { http: proxy.url } }), fence.options);
    expect(result.body.toString()).toBe(FEED);
    expect(proxy.requests).toEqual([
      { method: 'GET', target: `http://127.0.0.1:${origin.port}/feed.xml`, host: `feeds.test:${origin.port}`, proxyAuthorization: undefined },
    ]);
    expect(origin.requestsTo('/feed.xml')[0]?.headers.host).toBe(`feeds.test:${origin.port}`);
    // The target was resolved and checked here: the proxy does no DNS of its own.
    expect(fence.lookups).toEqual(['feeds.test']);
  });

  it('keeps the address guard on the target: a private target is refused before the proxy hears of it', async () => {
    // The proxy itself is on 127.0.0.1, a private address: allowed, because the operator configured it.
    const error = await failure(fetchFeed(testRequest(`http://feeds.test:${origin.port}/feed.xml`, { proxy: { http: proxy.url } }), harness(LOCAL, {}).options));
    expect(error.code).toBe('BLOCKED_ADDRESS');
    expect(proxy.requests).toEqual([]);
  });

  it('goes direct for hosts NO_PROXY names', async () => {
    const fence = harness(LOCAL, { isAddressAllowed: (a) => a === '127.0.0.1' });
    const settings = proxySettings(null, { HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,.test' });
    const result = await fetchFeed(testRequest(`http://feeds.test:${origin.port}/feed.xml`, { proxy: settings }), fence.options);
    expect(result.status).toBe(200);
    expect(proxy.requests).toEqual([]);
    expect(origin.requestsTo('/feed.xml')).toHaveLength(1);
  });

  it('tunnels https with CONNECT to the checked address; TLS and certificate checks stay on the name', async () => {
    const pair = await createSelfSignedCertificate(['feeds.test']);
    const secure = await startOrigin({ tls: pair });
    try {
      secure.route('/feed.xml', { body: FEED });
      const fence = harness(LOCAL, { isAddressAllowed: (a) => a === '127.0.0.1', ca: pair.cert });
      const settings = proxySettings(null, { HTTPS_PROXY: proxy.url });
      const result = await fetchFeed(testRequest(`https://feeds.test:${secure.port}/feed.xml`, { proxy: settings }), fence.options);
      expect(result.body.toString()).toBe(FEED);
      expect(proxy.requests.map((r) => [r.method, r.target])).toEqual([['CONNECT', `127.0.0.1:${secure.port}`]]);
      expect(secure.requests.at(-1)?.servername).toBe('feeds.test');
    } finally {
      await secure.close();
    }
  });

  it('reports a proxy that refuses connections as the fetch\'s failure', async () => {
    const gone = await startProxy();
    await gone.close();
    const fence = harness(LOCAL, { isAddressAllowed: (a) => a === '127.0.0.1' });
    const error = await failure(fetchFeed(testRequest(`http://feeds.test:${origin.port}/feed.xml`, { proxy: { http: gone.url } }), fence.options));
    expect(error.code).toBe('REFUSED');
  });
});

describe('proxySettings and proxyFor', () => {
  const url = (text: string) => new URL(text);

  it('reads the lower-case names first, then the upper-case; fetch.proxy wins for both schemes', () => {
    expect(proxySettings(null, { http_proxy: 'http://a:1', HTTP_PROXY: 'http://b:2', HTTPS_PROXY: 'http://c:3' })).toEqual({ http: 'http://a:1', https: 'http://c:3' });
    expect(proxySettings(null, { HTTP_PROXY: 'http://b:2' })).toEqual({ http: 'http://b:2', https: 'http://b:2' });
    expect(proxySettings('http://cfg:9', { HTTP_PROXY: 'http://b:2', NO_PROXY: 'x' })).toEqual({ http: 'http://cfg:9', https: 'http://cfg:9', noProxy: 'x' });
    expect(proxySettings(null, {})).toEqual({});
  });

  it.each([
    ['http://feeds.example.org/', 'example.org', 'direct'],
    ['http://feeds.example.org/', '.example.org', 'direct'],
    ['http://feeds.example.org/', '*.example.org', 'direct'],
    ['http://example.org/', '.example.org', 'direct'],
    ['http://notexample.org/', 'example.org', 'proxy'],
    ['http://feeds.example.org:8080/', 'feeds.example.org:8080', 'direct'],
    ['http://feeds.example.org/', 'feeds.example.org:8080', 'proxy'],
    ['http://10.0.0.5/', '10.0.0.5', 'direct'],
    ['http://[::1]:81/', '[::1]:81', 'direct'],
    ['http://anything.test/', '*', 'direct'],
    ['http://anything.test/', 'other.test, more.test', 'proxy'],
  ])('%s with NO_PROXY=%j goes %s', (target, noProxy, how) => {
    expect(proxyFor(url(target), { http: 'http://proxy:3128', noProxy }) === undefined ? 'direct' : 'proxy').toBe(how);
  });
});

describe('the CLI honours HTTP_PROXY / NO_PROXY and fetch.proxy', () => {
  it('parse URL goes through HTTP_PROXY from the environment, and direct for NO_PROXY hosts', async () => {
    const target = origin.urlFor('/feed.xml');
    const through = await runCli(['parse', '--allow-private-networks', target], { env: { HTTP_PROXY: proxy.url } });
    expect(through.code, through.stderr).toBe(0);
    expect(proxy.requests.map((r) => r.target)).toEqual([target]);
    const direct = await runCli(['parse', '--allow-private-networks', target], { env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } });
    expect(direct.code, direct.stderr).toBe(0);
    expect(proxy.requests).toHaveLength(1);
  });

  it('ingest takes fetch.proxy from the config; check shows it without its credentials', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'feedloom-proxy-'));
    try {
      const config = path.join(folder, 'feeds.config.json');
      const proxyWithUser = proxy.url.replace('http://', 'http://ops:hunter2@');
      writeFileSync(config, JSON.stringify({
        fetch: { allowPrivateNetworks: true, timeoutMs: 5000, proxy: proxyWithUser },
        sources: [{ id: 'one', url: origin.urlFor('/feed.xml') }],
      }));
      const env = { FEEDLOOM_CONFIG: config, DATABASE_URL: `sqlite:${path.join(folder, 'db.sqlite')}` };
      const check = await runCli(['check'], { env });
      expect(check.stdout).toContain(`through the proxy ${proxy.url}/`);
      expect(check.stdout + check.stderr).not.toContain('hunter2');
      const ingest = await runCli(['ingest', '--all', '--json'], { env, cwd: folder });
      expect(ingest.code, ingest.stderr).toBe(0);
      expect(JSON.parse(ingest.stdout)).toMatchObject({ sources: { ok: 1, failed: 0 } });
      expect(proxy.requests).toEqual([expect.objectContaining({
        target: origin.urlFor('/feed.xml'), proxyAuthorization: `Basic ${Buffer.from('ops:hunter2').toString('base64')}`,
      })]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
