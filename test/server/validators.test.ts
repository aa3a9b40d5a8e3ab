import { describe, expect, it } from 'vitest';
import { contentDigest, entityTag, httpDate, isNotModified, parseEntityTags } from '../../src/server/validators.js';

describe('entity tags', () => {
  it('hash the body: same bytes, same tag; one byte changed, another tag', () => {
    const a = contentDigest(Buffer.from('<feed>one</feed>'));
    expect(contentDigest(Buffer.from('<feed>one</feed>'))).toBe(a);
    expect(contentDigest(Buffer.from('<feed>onf</feed>'))).not.toBe(a);
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('are strong and differ per content coding', () => {
    const tags = (['identity', 'gzip', 'br'] as const).map((e) => entityTag('abc', e));
    expect(tags).toEqual(['"abc"', '"abc-gzip"', '"abc-br"']);
  });

  it.each([
    ['"a"', ['a']],
    ['"a", W/"b" ,"c-gzip"', ['a', 'b', 'c-gzip']],
    ['*', '*'],
    [' * ', '*'],
    ['junk', []],
  ] as const)('parse If-None-Match %j', (header, expected) => {
    expect(parseEntityTags(header)).toEqual(expected);
  });
});

describe('isNotModified', () => {
  const modified = Date.parse('2026-11-02T10:00:00.000Z');
  const validators = { base: 'abc', lastModifiedMs: modified };
  const cases: [string, { ifNoneMatch?: string; ifModifiedSince?: string }, boolean][] = [
    ['exact tag', { ifNoneMatch: '"abc"' }, true],
    ['weak form of the tag', { ifNoneMatch: 'W/"abc"' }, true],
    ['gzip tag sent back', { ifNoneMatch: '"abc-gzip"' }, true],
    ['br tag sent back', { ifNoneMatch: '"abc-br"' }, true],
    ['tag in a list', { ifNoneMatch: '"x", "abc"' }, true],
    ['wildcard', { ifNoneMatch: '*' }, true],
    ['other tag', { ifNoneMatch: '"abd"' }, false],
    ['other tag with a suffix', { ifNoneMatch: '"abd-gzip"' }, false],
    ['unknown suffix is part of the tag', { ifNoneMatch: '"abc-zstd"' }, false],
    ['If-None-Match wins over a matching date', { ifNoneMatch: '"x"', ifModifiedSince: 'Mon, 02 Nov 2026 10:00:00 GMT' }, false],
    ['same second', { ifModifiedSince: 'Mon, 02 Nov 2026 10:00:00 GMT' }, true],
    ['later', { ifModifiedSince: 'Mon, 02 Nov 2026 11:00:00 GMT' }, true],
    ['a second earlier', { ifModifiedSince: 'Mon, 02 Nov 2026 09:59:59 GMT' }, false],
    ['unparseable date', { ifModifiedSince: 'yesterday-ish' }, false],
    ['no conditions', {}, false],
  ];
  it.each(cases)('%s', (_name, headers, expected) => {
    expect(isNotModified(headers, validators)).toBe(expected);
  });

  it('ignores If-Modified-Since when the resource has no Last-Modified', () => {
    expect(isNotModified({ ifModifiedSince: 'Mon, 02 Nov 2026 11:00:00 GMT' }, { base: 'abc' })).toBe(false);
  });

  it('formats HTTP dates to the second', () => {
    expect(httpDate('2026-11-02T10:00:00.987Z')).toBe('Mon, 02 Nov 2026 10:00:00 GMT');
    expect(httpDate('2026-11-02T12:00:00+02:00')).toBe('Mon, 02 Nov 2026 10:00:00 GMT');
    expect(httpDate('not a date')).toBeUndefined();
    expect(httpDate(undefined)).toBeUndefined();
  });
});
