import { constants, createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import type { Transform } from 'node:stream';

/** A content-coding we can undo. */
export type Coding = 'gzip' | 'deflate' | 'br';

const CODINGS: Record<string, Coding> = { gzip: 'gzip', 'x-gzip': 'gzip', deflate: 'deflate', br: 'br' };

// More layers than this is no real server, only an attempt to multiply a bomb.
const MAX_LAYERS = 2;

/**
 * The codings of a Content-Encoding header in the order they must be undone (last applied first),
 * or the first coding we cannot undo.
 */
export function decodingOrder(header: string | undefined): { codings: Coding[] } | { unsupported: string } {
  const names = (header ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '' && name !== 'identity');
  if (names.length > MAX_LAYERS) return { unsupported: names.join(', ') };
  const codings: Coding[] = [];
  for (const name of names) {
    const coding = CODINGS[name];
    if (!coding) return { unsupported: name };
    codings.unshift(coding);
  }
  return { codings };
}

/**
 * A streaming decoder for one coding. `firstChunk` (the coded bytes' start, when known) tells a
 * zlib-wrapped "deflate" from the raw deflate some servers send. A truncated stream yields what
 * was decoded so far, as browsers do; corrupt data is an error.
 */
export function createDecoder(coding: Coding, firstChunk?: Buffer): Transform {
  const lenient = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH };
  switch (coding) {
    case 'gzip':
      return createGunzip(lenient);
    case 'deflate':
      return firstChunk === undefined || looksLikeZlib(firstChunk) ? createInflate(lenient) : createInflateRaw(lenient);
    case 'br':
      return createBrotliDecompress({
        flush: constants.BROTLI_OPERATION_FLUSH,
        finishFlush: constants.BROTLI_OPERATION_FLUSH,
      });
  }
}

/** True for an error raised by a zlib or brotli decoder on bad input. */
export function isDecodingError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, errno } = error as { code?: unknown; errno?: unknown };
  return typeof errno === 'number' && typeof code === 'string' && /^(Z_|ERR__ERROR|ERR_BROTLI)/.test(code);
}

// RFC 1950 header: compression method 8, and the first two bytes are a multiple of 31.
function looksLikeZlib(chunk: Buffer): boolean {
  const [cmf, flg] = chunk;
  if (cmf === undefined || flg === undefined) return true;
  return (cmf & 0x0f) === 8 && ((cmf << 8) | flg) % 31 === 0;
}
