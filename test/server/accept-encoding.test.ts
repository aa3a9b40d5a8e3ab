import { describe, expect, it } from 'vitest';
import { negotiateEncoding } from '../../src/server/accept-encoding.js';
import type { Encoding } from '../../src/server/accept-encoding.js';

describe('negotiateEncoding', () => {
  const cases: [string | undefined, Encoding][] = [
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip', 'gzip'],
    ['x-gzip', 'gzip'],
    ['br', 'br'],
    ['gzip, deflate, br', 'br'],
    ['GZIP', 'gzip'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0.9, gzip;q=0.8', 'br'],
    ['gzip;q=0, br;q=0', 'identity'],
    ['deflate', 'identity'],
    ['identity', 'identity'],
    ['*', 'br'],
    ['*;q=0.5, gzip', 'gzip'],
    ['br;q=0, *', 'gzip'],
    ['gzip;q=0.001', 'gzip'],
    ['gzip ; q=0.4 , identity;q=0.5', 'identity'],
    ['gzip;q=abc', 'identity'],
    ['gzip;q=0, gzip;q=1', 'gzip'],
    ['identity;q=0', 'identity'],
  ];
  it.each(cases)('%j → %s', (header, expected) => {
    expect(negotiateEncoding(header)).toBe(expected);
  });
});
