import { negotiateEncoding } from './accept-encoding.js';
import type { Encoding } from './accept-encoding.js';
import type { BodyDigests } from './body-digests.js';
import type { CompressedCache } from './compressed-cache.js';
import { compress, isCompressible, MIN_COMPRESS_BYTES } from './compressed-cache.js';
import { defaultCacheControl, securityHeaders } from './response-headers.js';
import type { HeaderMap } from './response-headers.js';
import type { Rendered } from './types.js';
import { entityTag, httpDate, isNotModified, lastModifiedMs } from './validators.js';

/** A response ready to write: status, lower-case headers, and the body a GET carries (none on a 304). */
export interface PlainResponse {
  status: number;
  headers: HeaderMap;
  body?: Buffer;
}

/** The request headers that shape a representation. */
export interface RequestConditions {
  acceptEncoding?: string;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
}

/** What `represent` needs besides the resource and the request. */
export interface RepresentContext {
  csp: string;
  /** Compressed bodies by digest. */
  cache: CompressedCache;
  /** Bytes and digests of bodies by identity. */
  digests: BodyDigests;
}

/** Headers a 304 repeats from the 200 it stands for (RFC 9110 §15.4.5), plus nosniff. */
export const KEPT_ON_304: readonly string[] = ['etag', 'cache-control', 'vary', 'last-modified', 'x-content-type-options'];

/**
 * The response for `rendered`: content type, caching and security headers, a per-coding strong
 * ETag on 200s, a 304 when the client's copy is current, and the body compressed with the best
 * coding the client accepts (from the cache when this body was compressed before).
 */
export async function represent(rendered: Rendered, request: RequestConditions, context: RepresentContext): Promise<PlainResponse> {
  const headers = representHeaders(rendered, context.csp);

  if (rendered.status === 200) {
    const { bytes: body, digest } = context.digests.of(rendered.body);
    const encoding = chooseEncoding(body, rendered.contentType, request);
    headers['etag'] = entityTag(digest, encoding);
    const validators = { base: digest, lastModifiedMs: lastModifiedMs(rendered.lastModified) };
    if (isNotModified(request, validators)) {
      return { status: 304, headers: pick(headers, KEPT_ON_304) };
    }
    if (encoding === 'identity') return { status: 200, headers, body };
    headers['content-encoding'] = encoding;
    return { status: 200, headers, body: await context.cache.get(digest, encoding, body) };
  }
  // Other statuses (the 404 page, which may echo the path) are compressed but not cached:
  // made-up URLs must not push the feeds out of the caches.
  const body = typeof rendered.body === 'string' ? Buffer.from(rendered.body, 'utf8') : rendered.body;
  const encoding = chooseEncoding(body, rendered.contentType, request);
  if (encoding === 'identity') return { status: rendered.status, headers, body };
  headers['content-encoding'] = encoding;
  return { status: rendered.status, headers, body: await compress(encoding, body) };
}

/**
 * The headers every coding of `rendered` carries: content type, security headers, caching, `Vary`, and
 * `Location` and `Last-Modified` when it has them.
 */
export function representHeaders(rendered: Rendered, csp: string): HeaderMap {
  const headers: HeaderMap = {
    'content-type': rendered.contentType,
    ...securityHeaders(rendered.contentType, csp),
    'cache-control': rendered.cacheControl ?? defaultCacheControl(rendered.contentType),
    vary: 'Accept-Encoding',
  };
  if (rendered.location !== undefined) headers['location'] = rendered.location;
  const lastModified = httpDate(rendered.lastModified);
  if (lastModified !== undefined) headers['last-modified'] = lastModified;
  return headers;
}

/** The coding for this body and client: none for small or binary bodies. */
function chooseEncoding(body: Buffer, contentType: string, request: RequestConditions): Encoding {
  const compressible = body.length >= MIN_COMPRESS_BYTES && isCompressible(contentType);
  return compressible ? negotiateEncoding(request.acceptEncoding) : 'identity';
}

/** The headers of `headers` named in `names`. */
export function pick(headers: HeaderMap, names: readonly string[]): HeaderMap {
  const kept: HeaderMap = {};
  for (const name of names) {
    const value = headers[name];
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}
