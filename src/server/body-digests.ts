import { contentDigest } from './validators.js';

/** A body as bytes, with the hash its ETag is built on. */
export interface DigestedBody {
  bytes: Buffer;
  digest: string;
}

/**
 * Remembers the bytes and hash of bodies already served, so that the cached feed a thousand
 * readers poll is encoded and hashed once, not per request (hashing 100 KB costs more than the
 * rest of a 304). Buffers are remembered by identity for as long as the site keeps them; strings,
 * which cannot be weak keys, in a small map of the most recently used. Bodies are treated as
 * immutable once handed over, which strings are and the site's Buffers must be.
 */
export class BodyDigests {
  private readonly buffers = new WeakMap<Buffer, DigestedBody>();
  private readonly strings = new Map<string, DigestedBody>();

  constructor(private readonly maxStrings: number = 128) {}

  /** The bytes and digest of `body`. */
  of(body: string | Buffer): DigestedBody {
    if (typeof body !== 'string') {
      let known = this.buffers.get(body);
      if (known === undefined) {
        known = { bytes: body, digest: contentDigest(body) };
        this.buffers.set(body, known);
      }
      return known;
    }
    // V8 hashes long strings by length, and compares an identical string by reference first,
    // so this lookup stays cheap for the very string the site handed over last time.
    const known = this.strings.get(body);
    if (known !== undefined) {
      // Re-insert: a Map iterates in insertion order, so the first key is the least recently used.
      this.strings.delete(body);
      this.strings.set(body, known);
      return known;
    }
    const bytes = Buffer.from(body, 'utf8');
    const digested = { bytes, digest: contentDigest(bytes) };
    // Small bodies (the 404 page, short JSON) are cheaper to hash than to keep.
    if (bytes.length >= 1024) {
      this.strings.set(body, digested);
      for (const oldest of this.strings.keys()) {
        if (this.strings.size <= this.maxStrings) break;
        this.strings.delete(oldest);
      }
    }
    return digested;
  }
}
