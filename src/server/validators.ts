import { hash } from 'node:crypto';
import type { Encoding } from './accept-encoding.js';

/**
 * Validators of one resource. The strong ETag is a hash of the unencoded body; each content
 * coding gets its own strong tag (`"<hash>-gzip"`, `"<hash>-br"`), because a strong tag names
 * exact bytes (RFC 9110 §8.8.3). Comparison strips the suffix, so a client that cached the gzip
 * representation and sends its tag back still gets a 304 for the same content.
 */
export interface Validators {
  /** The hash the tags are built on. */
  base: string;
  /** When the content last changed, truncated to whole seconds (HTTP dates have no finer grain), if known. */
  lastModifiedMs?: number;
}

const CODING_SUFFIX: Readonly<Record<Encoding, string>> = { identity: '', gzip: '-gzip', br: '-br' };
const SUFFIX_PATTERN = /-(?:gzip|br)$/;

/** A short, strong content hash of `body`: 22 base64url characters of SHA-256. */
export function contentDigest(body: Buffer): string {
  return hash('sha256', body, 'base64url').slice(0, 22);
}

/** The ETag header value of the representation sent with `encoding`. */
export function entityTag(base: string, encoding: Encoding): string {
  return `"${base}${CODING_SUFFIX[encoding]}"`;
}

/** An ISO 8601 instant as an HTTP-date (`Sun, 06 Nov 1994 08:49:37 GMT`), or undefined when it does not parse. */
export function httpDate(iso: string | undefined): string | undefined {
  const ms = lastModifiedMs(iso);
  return ms === undefined ? undefined : new Date(ms).toUTCString();
}

/** An ISO 8601 instant in whole-second milliseconds, or undefined when absent or junk. */
export function lastModifiedMs(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) * 1000 : undefined;
}

/** The opaque parts of the entity tags in an `If-None-Match` header; `'*'` for a wildcard. */
export function parseEntityTags(header: string): string[] | '*' {
  if (header.trim() === '*') return '*';
  const tags: string[] = [];
  for (const match of header.matchAll(/(?:W\/)?"([^"]*)"/g)) tags.push(match[1] ?? '');
  return tags;
}

/**
 * Whether the client's copy is current, by RFC 9110 §13.1.2–13.1.3 and §13.2.2: `If-None-Match`
 * (weak comparison, lists, `*`) decides when present; `If-Modified-Since` is consulted only
 * without it, and only when the resource has a Last-Modified.
 */
export function isNotModified(
  headers: { ifNoneMatch?: string; ifModifiedSince?: string },
  validators: Validators,
): boolean {
  if (headers.ifNoneMatch !== undefined) {
    const tags = parseEntityTags(headers.ifNoneMatch);
    if (tags === '*') return true;
    return tags.some((tag) => tag.replace(SUFFIX_PATTERN, '') === validators.base);
  }
  if (headers.ifModifiedSince === undefined || validators.lastModifiedMs === undefined) return false;
  const since = Date.parse(headers.ifModifiedSince);
  if (!Number.isFinite(since)) return false;
  return validators.lastModifiedMs <= since;
}
