import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { classifyAddress, fetchFeed } from '../../src/fetch/index.js';
import type { ResolvedAddress } from '../../src/fetch/index.js';
import { isAddressAllowed } from '../../src/fetch/address-guard.js';
import { redirect, startOrigin } from '../support/origin.js';
import type { Origin } from '../support/origin.js';
import { failure, harness, testRequest } from './fetch-harness.js';

// Every fetch below goes through harness(): fake DNS only, and a connect spy that throws for any
// address outside loopback. The assertions check that the guard refused before that spy was reached.

let origin: Origin;

beforeAll(async () => {
  origin = await startOrigin();
  origin.route('/feed.xml', { body: '<rss version="2.0"><channel/></rss>' });
});
afterAll(async () => {
  await origin.close();
});
beforeEach(() => {
  origin.clearRequests();
});

const v4 = (address: string): ResolvedAddress => ({ address, family: 4 });
const v6 = (address: string): ResolvedAddress => ({ address, family: 6 });

describe('guard policy', () => {
  it.each([
    ['93.184.215.14', true, true],
    ['2606:2800:220:1:248:1893:25c8:1946', true, true],
    ['10.0.0.1', false, true],
    ['127.0.0.1', false, true],
    ['::1', false, true],
    ['169.254.169.254', false, true],
    ['fe80::1', false, true],
    ['fd00::1', false, true],
    ['100.64.0.1', false, true],
    ['::ffff:10.0.0.1', false, true],
    ['192.0.2.1', false, true],
    ['0.0.0.0', false, false],
    ['::', false, false],
    ['224.0.0.1', false, false],
    ['ff02::1', false, false],
    ['not-an-ip', false, false],
  ])('%s: allowed %s by default, %s with allowPrivateNetworks', (address, byDefault, withPrivate) => {
    expect(isAddressAllowed(address, { allowPrivateNetworks: false })).toBe(byDefault);
    expect(isAddressAllowed(address, { allowPrivateNetworks: true })).toBe(withPrivate);
  });

  it('lets isAddressAllowed decide alone', () => {
    const never = { allowPrivateNetworks: true, isAddressAllowed: () => false };
    const always = { allowPrivateNetworks: false, isAddressAllowed: () => true };
    expect(isAddressAllowed('93.184.215.14', never)).toBe(false);
    expect(isAddressAllowed('10.0.0.1', always)).toBe(true);
  });
});

describe('a source naming a non-public IP literal is refused before any lookup or connection', () => {
  it.each([
    ['http://10.0.0.1/feed.xml', 'private address 10.0.0.1'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local address 169.254.169.254'],
    ['http://192.168.1.1:8080/rss', 'private address 192.168.1.1'],
    ['http://100.64.0.1/', 'shared address 100.64.0.1'],
    ['http://0.0.0.0/', 'unspecified address 0.0.0.0'],
    ['http://224.0.0.1/', 'multicast address 224.0.0.1'],
    ['http://[fe80::1]/', 'link-local address fe80::1'],
    ['http://[fd00:ec2::254]/', 'unique-local address fd00:ec2::254'],
    ['https://[::ffff:169.254.169.254]/', 'link-local address ::ffff:a9fe:a9fe'],
    ['http://[::ffff:7f00:1]/', 'loopback address ::ffff:7f00:1'],
    ['http://2130706433/', 'loopback address 127.0.0.1'],
    ['http://0x7f.1/', 'loopback address 127.0.0.1'],
    ['http://0177.0.0.1/', 'loopback address 127.0.0.1'],
    ['http://127.1/', 'loopback address 127.0.0.1'],
    ['http://0xa9.0xfe.0xa9.0xfe/', 'link-local address 169.254.169.254'],
    ['http://0x7f000001/', 'loopback address 127.0.0.1'],
    ['http://127.0.0.1./', 'loopback address 127.0.0.1'],
    ['http://%31%32%37.0.0.1/', 'loopback address 127.0.0.1'],
    ['http://①②⑦.0.0.1/', 'loopback address 127.0.0.1'],
  ])('%s', async (url, refused) => {
    const fence = harness({}, {});
    const error = await failure(fetchFeed(testRequest(url), fence.options));
    expect(error.code).toBe('BLOCKED_ADDRESS');
    expect(error.message).toContain(`refused ${refused} fetching`);
    expect(fence.lookups).toEqual([]);
    expect(fence.connects).toEqual([]);
  });

  it('127.0.0.1 and [::1] with the default policy, even with a server listening there', async () => {
    for (const url of [origin.urlFor('/feed.xml'), `http://[::1]:${origin.port}/feed.xml`]) {
      const fence = harness({}, {});
      const error = await failure(fetchFeed(testRequest(url), fence.options));
      expect(error.code).toBe('BLOCKED_ADDRESS');
      expect(error.message).toMatch(/^refused loopback address (127\.0\.0\.1|::1) fetching /);
      expect(error.message).toMatch(/\(allowPrivateNetworks permits it\)$/);
      expect(fence.connects).toEqual([]);
    }
    expect(origin.requests).toEqual([]);
  });
});

describe('a source whose name resolves to a non-public address is refused before any connection', () => {
  it.each([
    ['intranet.test', [v4('10.1.2.3')], 'private address 10.1.2.3 (resolved from intranet.test)'],
    ['metadata.test', [v4('169.254.169.254')], 'link-local address 169.254.169.254'],
    ['localhost', [v4('127.0.0.1'), v6('::1')], 'loopback address 127.0.0.1'],
    ['mapped.test', [v6('::ffff:10.0.0.1')], 'private address ::ffff:10.0.0.1'],
    // one bad address among good ones is enough: a rebinding resolver could hand out either
    ['mixed.test', [v4('93.184.215.14'), v4('192.168.0.10')], 'private address 192.168.0.10'],
    ['mixed6.test', [v6('2606:2800:220:1:248:1893:25c8:1946'), v6('fe80::abcd')], 'link-local address fe80::abcd'],
  ])('%s -> %j', async (hostname, addresses, refused) => {
    const fence = harness({ [hostname]: addresses }, {});
    const error = await failure(fetchFeed(testRequest(`https://${hostname}/feed.xml`), fence.options));
    expect(error.code).toBe('BLOCKED_ADDRESS');
    expect(error.message).toContain(`refused ${refused}`);
    expect(fence.lookups).toEqual([hostname]);
    expect(fence.connects).toEqual([]);
  });

  it('refuses every address when isAddressAllowed says no', async () => {
    const fence = harness({ 'public.test': [v4('93.184.215.14')] }, { isAddressAllowed: () => false });
    const error = await failure(fetchFeed(testRequest('http://public.test/'), fence.options));
    expect(error.code).toBe('BLOCKED_ADDRESS');
    expect(error.message).not.toContain('allowPrivateNetworks');
    expect(fence.connects).toEqual([]);
  });
});

describe('a redirect to a non-public address is refused before any connection', () => {
  // The origin itself is on loopback: allow exactly it, and otherwise the default policy.
  const originPlusDefault = {
    isAddressAllowed: (address: string) => address === '127.0.0.1' || classifyAddress(address) === 'public',
  };

  it.each([
    ['http://10.0.0.1/feed.xml', 'private address 10.0.0.1', []],
    ['http://169.254.169.254/latest/meta-data/iam/', 'link-local address 169.254.169.254', []],
    ['http://[::1]/feed.xml', 'loopback address ::1', []],
    ['http://[::ffff:169.254.169.254]/', 'link-local address ::ffff:a9fe:a9fe', []],
    [
      'http://metadata.test/latest/',
      'link-local address 169.254.169.254 (resolved from metadata.test)',
      ['metadata.test'],
    ],
  ])('%s', async (location, refused, lookups) => {
    origin.route('/hop', redirect(location, 301));
    const fence = harness({ 'metadata.test': [v4('169.254.169.254')] }, originPlusDefault);
    const error = await failure(fetchFeed(testRequest(origin.urlFor('/hop')), fence.options));
    expect(error.code).toBe('BLOCKED_ADDRESS');
    expect(error.message).toContain(`refused ${refused} fetching`);
    expect(error.message).toContain(`(redirected from ${origin.urlFor('/hop')})`);
    expect(fence.lookups).toEqual(lookups);
    expect(fence.connects.map((target) => target.address)).toEqual(['127.0.0.1']);
  });
});

describe('allowPrivateNetworks', () => {
  it('reaches a loopback origin by address', async () => {
    const fence = harness({}, {});
    const request = testRequest(origin.urlFor('/feed.xml'), { allowPrivateNetworks: true });
    const result = await fetchFeed(request, fence.options);
    expect(result.status).toBe(200);
    expect(fence.connects.map((target) => target.address)).toEqual(['127.0.0.1']);
  });

  it('reaches a name resolving to loopback with exactly one lookup', async () => {
    const fence = harness({ 'feeds.internal.test': [v4('127.0.0.1')] }, {});
    const url = `http://feeds.internal.test:${origin.port}/feed.xml`;
    const result = await fetchFeed(testRequest(url, { allowPrivateNetworks: true }), fence.options);
    expect(result.status).toBe(200);
    expect(fence.lookups).toEqual(['feeds.internal.test']);
    expect(origin.requests[0]?.headers.host).toBe(`feeds.internal.test:${origin.port}`);
  });

  it('still refuses unspecified and multicast addresses', async () => {
    for (const url of [`http://0.0.0.0:${origin.port}/feed.xml`, 'http://239.1.2.3/']) {
      const fence = harness({}, {});
      const error = await failure(fetchFeed(testRequest(url, { allowPrivateNetworks: true }), fence.options));
      expect(error.code).toBe('BLOCKED_ADDRESS');
      expect(fence.connects).toEqual([]);
    }
  });
});
