import { describe, expect, it } from 'vitest';
import { BodyDigests } from '../../src/server/body-digests.js';
import { contentDigest } from '../../src/server/validators.js';

describe('BodyDigests', () => {
  const big = (fill: string) => `<feed>${fill.repeat(2000)}</feed>`;

  it('hashes a string body once and returns its UTF-8 bytes', () => {
    const digests = new BodyDigests();
    const body = big('é');
    const first = digests.of(body);
    expect(first.bytes.equals(Buffer.from(body, 'utf8'))).toBe(true);
    expect(first.digest).toBe(contentDigest(Buffer.from(body, 'utf8')));
    expect(digests.of(body)).toBe(first);
    // An equal string built separately is the same body.
    expect(digests.of(big('é')).digest).toBe(first.digest);
    // Same length, other content: another digest.
    expect(digests.of(big('è')).digest).not.toBe(first.digest);
  });

  it('remembers Buffers by identity', () => {
    const digests = new BodyDigests();
    const body = Buffer.from(big('a'));
    expect(digests.of(body)).toBe(digests.of(body));
    expect(digests.of(body).bytes).toBe(body);
  });

  it('forgets the least recently used strings beyond its size', () => {
    const digests = new BodyDigests(2);
    const [a, b, c] = [big('a'), big('b'), big('c')];
    const first = digests.of(a);
    const second = digests.of(b);
    digests.of(a);
    digests.of(c);
    expect(digests.of(a)).toBe(first);
    const again = digests.of(b);
    expect(again).not.toBe(second);
    expect(again.digest).toBe(second.digest);
  });
});
