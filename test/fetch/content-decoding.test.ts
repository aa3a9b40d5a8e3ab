import { describe, expect, it } from 'vitest';
import { decodingOrder } from '../../src/fetch/content-decoding.js';

describe('decodingOrder', () => {
  it.each([
    [undefined, { codings: [] }],
    ['', { codings: [] }],
    ['identity', { codings: [] }],
    ['gzip', { codings: ['gzip'] }],
    ['X-GZIP', { codings: ['gzip'] }],
    [' br ', { codings: ['br'] }],
    ['deflate, gzip', { codings: ['gzip', 'deflate'] }],
    ['gzip, identity, br', { codings: ['br', 'gzip'] }],
    ['zstd', { unsupported: 'zstd' }],
    ['gzip, compress', { unsupported: 'compress' }],
    ['gzip, gzip, gzip', { unsupported: 'gzip, gzip, gzip' }],
  ])('%j -> %j', (header, expected) => {
    expect(decodingOrder(header)).toEqual(expected);
  });
});
