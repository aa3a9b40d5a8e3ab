import { describe, expect, it } from 'vitest';
import { canonicalUrl, isArticleUrl } from '../../src/dedup/index.js';

describe('canonicalUrl', () => {
  const cases: [string, string | undefined][] = [
    ['https://example.com/a/b', 'https://example.com/a/b'],
    ['HTTP://WWW.Example.COM:80/a/b/', 'https://example.com/a/b'],
    ['https://www.example.com:443/', 'https://example.com'],
    ['https://example.com', 'https://example.com'],
    ['https://example.com:8443/x', 'https://example.com:8443/x'],
    ['https://example.com/a#section-2', 'https://example.com/a'],
    ['https://example.com/a?utm_source=rss&utm_medium=feed&id=7', 'https://example.com/a?id=7'],
    ['https://example.com/a?b=2&a=1', 'https://example.com/a?a=1&b=2'],
    ['https://example.com/a?cid=12&source=x', 'https://example.com/a?cid=12&source=x'],
    ['https://example.com/a?fbclid=xyz&gclid=1&mc_cid=2&mc_eid=3&ref=hn', 'https://example.com/a'],
    ['https://example.com/a?UTM_Campaign=x&page=2', 'https://example.com/a?page=2'],
    ['https://example.com//a//b', 'https://example.com/a/b'],
    ['https://example.com/caf%C3%A9', 'https://example.com/caf%C3%A9'],
    ['https://example.com/café', 'https://example.com/caf%C3%A9'],
    ['https://www2.example.com/a', 'https://example.com/a'],
    ['https://example.com./a', 'https://example.com/a'],
    ['https://sub.example.com/a', 'https://sub.example.com/a'],
    ['ftp://example.com/a', undefined],
    ['javascript:alert(1)', undefined],
    ['/relative/path', undefined],
    ['', undefined],
    [' https://example.com/a ', 'https://example.com/a'],
    ['HTTPS://BLOGS.VMWARE.EXAMPLE:443/2024/05/x/?utm_source=td&utm_campaign=daily&mc_cid=4f1a', 'https://blogs.vmware.example/2024/05/x'],
    ['http://WWW.theregister.example/2024/05/06/hetzner/?utm_source=td#comments', 'https://theregister.example/2024/05/06/hetzner'],
    ['https://example.com/a?id=7&id=3', 'https://example.com/a?id=3&id=7'],
    ['https://example.com/a?utm_source=x', 'https://example.com/a'],
    ['https://user:pw@example.com/a', 'https://example.com/a'],
  ];
  it.each(cases)('%s → %s', (input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });

  it('maps the same article from two outlets\' tracking links to one key', () => {
    const a = canonicalUrl('http://www.vendor.com/news/press-release/?utm_source=lwn');
    const b = canonicalUrl('https://vendor.com/news/press-release?ref=theregister#comments');
    expect(a).toBe(b);
  });
});

describe('isArticleUrl', () => {
  it.each([
    ['https://example.com/a', true],
    ['https://example.com?p=123', true],
    ['https://example.com', false],
    [null, false],
    ['not a url', false],
  ] as const)('%s → %s', (url, expected) => {
    expect(isArticleUrl(url)).toBe(expected);
  });
});
