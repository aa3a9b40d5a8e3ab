import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Encoding } from './accept-encoding.js';

/** Bodies smaller than this go out unencoded: the coding would save a few hundred bytes at best. */
export const MIN_COMPRESS_BYTES = 1024;

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

// Each body is compressed once and then served from the cache, so a better ratio than an
// on-the-fly compressor would pick costs little: brotli 6 and gzip 6 take a few ms on 100 KB.
const BROTLI_OPTIONS = {
  params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
};
const GZIP_OPTIONS = { level: 6 };

/** Whether a body of `contentType` is worth compressing (text, XML, JSON, JavaScript; not images). */
export function isCompressible(contentType: string): boolean {
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return type.startsWith('text/') || /[/+](?:xml|json)$/.test(type) || type === 'application/javascript';
}

/** `body` compressed with `encoding`, uncached (for one-off bodies such as error pages). */
export function compress(encoding: Exclude<Encoding, 'identity'>, body: Buffer): Promise<Buffer> {
  return encoding === 'br' ? brotliAsync(body, BROTLI_OPTIONS) : gzipAsync(body, GZIP_OPTIONS);
}

/**
 * Compressed copies of recently served bodies, keyed by content hash and coding, least recently
 * used evicted first once their total size passes `maxBytes`. The site serves the same cached
 * feed to every poller, so this turns per-request compression into a map lookup. Compressions
 * in progress are shared, so a burst of requests for a new body compresses it once.
 */
export class CompressedCache {
  private readonly entries = new Map<string, Promise<Buffer>>();
  private readonly sizes = new Map<string, number>();
  private total = 0;

  constructor(private readonly maxBytes: number = 32 * 1024 * 1024) {}

  /** `body` (whose hash is `digest`) in `encoding`. */
  async get(digest: string, encoding: Exclude<Encoding, 'identity'>, body: Buffer): Promise<Buffer> {
    const key = `${encoding}:${digest}`;
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      // Re-insert: a Map iterates in insertion order, so the first key is the least recently used.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const pending = compress(encoding, body);
    this.entries.set(key, pending);
    try {
      const compressed = await pending;
      if (this.entries.get(key) === pending) this.account(key, compressed.length);
      return compressed;
    } catch (error) {
      this.entries.delete(key);
      throw error;
    }
  }

  private account(key: string, size: number): void {
    this.sizes.set(key, size);
    this.total += size;
    for (const oldest of this.entries.keys()) {
      if (this.total <= this.maxBytes || oldest === key) break;
      this.entries.delete(oldest);
      this.total -= this.sizes.get(oldest) ?? 0;
      this.sizes.delete(oldest);
    }
  }
}
