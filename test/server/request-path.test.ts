import { describe, expect, it } from 'vitest';
import { MAX_PATH_LENGTH, requestPath } from '../../src/server/request-path.js';

describe('requestPath', () => {
  it.each([
    ['/', '/'],
    ['/feeds/vmware.atom', '/feeds/vmware.atom'],
    ['/archive/2026/11/page/2?utm_source=x', '/archive/2026/11/page/2'],
    ['/feeds/red%20hat', '/feeds/red%20hat'],
    ['/a#fragment', '/a'],
    ['/..foo/bar..', '/..foo/bar..'],
  ])('routes %j as %j', (url, path) => {
    expect(requestPath(url)).toEqual({ ok: true, path });
  });

  it.each([
    ['http://example.org/'],
    ['*'],
    ['/a/../b'],
    ['/a/%2e%2e/b'],
    ['/a/%2E%2E'],
    ['/./a'],
    ['/a%00b'],
    ['/a%0d%0aX-Injected:1'],
    ['/a%5c..%5cb'],
    ['/%zz'],
    ['/' + 'a'.repeat(MAX_PATH_LENGTH)],
  ])('refuses %j', (url) => {
    expect(requestPath(url).ok).toBe(false);
  });
});
