import { describe, expect, it } from 'vitest';
import { resolveReference, safeUrl } from '../../../src/normalise/html/attribute-url.js';

describe('resolveReference (RFC 3986 section 5.4 examples)', () => {
  const base = 'http://a/b/c/d;p?q';
  it.each([
    ['g:h', 'g:h'], ['g', 'http://a/b/c/g'], ['./g', 'http://a/b/c/g'], ['g/', 'http://a/b/c/g/'], ['/g', 'http://a/g'],
    ['//g', 'http://g'], ['?y', 'http://a/b/c/d;p?y'], ['g?y', 'http://a/b/c/g?y'], ['#s', 'http://a/b/c/d;p?q#s'],
    ['g#s', 'http://a/b/c/g#s'], ['g?y#s', 'http://a/b/c/g?y#s'], [';x', 'http://a/b/c/;x'], ['g;x', 'http://a/b/c/g;x'],
    ['g;x?y#s', 'http://a/b/c/g;x?y#s'], ['', 'http://a/b/c/d;p?q'], ['.', 'http://a/b/c/'], ['./', 'http://a/b/c/'],
    ['..', 'http://a/b/'], ['../', 'http://a/b/'], ['../g', 'http://a/b/g'], ['../..', 'http://a/'], ['../../', 'http://a/'],
    ['../../g', 'http://a/g'],
    ['../../../g', 'http://a/g'], ['../../../../g', 'http://a/g'], ['/./g', 'http://a/g'], ['/../g', 'http://a/g'],
    ['g.', 'http://a/b/c/g.'], ['.g', 'http://a/b/c/.g'], ['g..', 'http://a/b/c/g..'], ['..g', 'http://a/b/c/..g'],
    ['./../g', 'http://a/b/g'], ['./g/.', 'http://a/b/c/g/'], ['g/./h', 'http://a/b/c/g/h'], ['g/../h', 'http://a/b/c/h'],
    ['g;x=1/./y', 'http://a/b/c/g;x=1/y'], ['g;x=1/../y', 'http://a/b/c/y'], ['g?y/./x', 'http://a/b/c/g?y/./x'],
    ['g?y/../x', 'http://a/b/c/g?y/../x'], ['g#s/./x', 'http://a/b/c/g#s/./x'], ['g#s/../x', 'http://a/b/c/g#s/../x'],
    ['http:g', 'http:g'],
  ])('%s', (reference, expected) => {
    expect(resolveReference(base, reference)).toBe(expected);
  });

  it('resolves against a base with an empty path', () => {
    expect(resolveReference('http://example.com', 'relative/uri')).toBe('http://example.com/relative/uri');
  });

  it('refuses a base that is not absolute', () => {
    expect(resolveReference('/just/a/path', 'x')).toBeUndefined();
  });
});

describe('safeUrl', () => {
  it.each([
    ['http://example.com/a b', undefined, 'http://example.com/a b'],
    ['  https://example.com/  ', undefined, 'https://example.com/'],
    ['HTTP://EXAMPLE.COM/', undefined, 'HTTP://EXAMPLE.COM/'],
    ['mailto:someone@example.com', undefined, 'mailto:someone@example.com'],
    ['magnet:?xt=urn:btih:x', undefined, 'magnet:?xt=urn:btih:x'],
    ['javascript:alert(1)', undefined, ''],
    [' JAVASCRIPT:alert(1)', 'http://example.com/', ''],
    ['java\nscript:alert(1)', undefined, ''],
    ['java\u0001script:alert(1)', undefined, ''],
    ['vbscript:x', undefined, ''],
    ['data:text/html,x', undefined, ''],
    ['about:blank', undefined, ''],
    ['relative/path', undefined, 'relative/path'],
    ['relative/path', 'http://example.com/dir/', 'http://example.com/dir/relative/path'],
    ['/x', 'javascript:alert(1)//', ''],
    ['', 'http://example.com/', ''],
    ['\u00c0', 'http://any.test/', 'http://any.test/\u00c0'],
  ])('%j with base %j', (value, base, expected) => {
    expect(safeUrl(value, base)).toBe(expected);
  });
});
