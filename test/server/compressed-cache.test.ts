import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CompressedCache, isCompressible } from '../../src/server/compressed-cache.js';
import { contentDigest } from '../../src/server/validators.js';

const body = (n: number): Buffer => Buffer.from(Array.from({ length: 400 }, (_, i) => `<item>${n}-${i * 7919 % 1000}</item>`).join('\n'));

describe('CompressedCache', () => {
  it('compresses once per body and coding, sharing a compression in progress', async () => {
    const cache = new CompressedCache();
    const b = body(1);
    const digest = contentDigest(b);
    const [gz1, gz2] = await Promise.all([cache.get(digest, 'gzip', b), cache.get(digest, 'gzip', b)]);
    expect(gz1).toBe(gz2);
    expect(gunzipSync(gz1).equals(b)).toBe(true);
    expect(await cache.get(digest, 'gzip', b)).toBe(gz1);
    const br = await cache.get(digest, 'br', b);
    expect(brotliDecompressSync(br).equals(b)).toBe(true);
  });

  it('evicts the least recently used bodies past its byte budget', async () => {
    const bodies = [body(1), body(2), body(3)];
    const size = (await new CompressedCache().get(contentDigest(bodies[0] ?? Buffer.alloc(0)), 'gzip', bodies[0] ?? Buffer.alloc(0))).length;
    const cache = new CompressedCache(size * 2.5);
    const get = (i: number) => {
      const b = bodies[i] ?? Buffer.alloc(0);
      return cache.get(contentDigest(b), 'gzip', b);
    };
    const first = await get(0);
    const second = await get(1);
    expect(await get(0)).toBe(first);
    await get(2);
    expect(await get(0)).toBe(first);
    expect(await get(1)).not.toBe(second);
  });

  it.each([
    ['application/atom+xml; charset=utf-8', true],
    ['application/rss+xml', true],
    ['application/feed+json; charset=utf-8', true],
    ['text/html; charset=utf-8', true],
    ['text/x-opml', true],
    ['application/json', true],
    ['image/png', false],
    ['application/octet-stream', false],
  ])('isCompressible(%s) is %s', (type, expected) => {
    expect(isCompressible(type)).toBe(expected);
  });
});
