import type { FeedFormatName } from '../publish/index.js';

/** A resource of the site, as parsed from a request path. */
export type SiteRoute =
  | { kind: 'feed-page'; feedId: string }
  | { kind: 'feed-file'; feedId: string; format: FeedFormatName }
  | { kind: 'archive' }
  | { kind: 'archive-month'; year: number; month: number; page: number }
  | { kind: 'story'; storyId: number }
  | { kind: 'sources' }
  | { kind: 'status' }
  | { kind: 'search' }
  | { kind: 'opml' };

const EXTENSIONS: Record<string, FeedFormatName> = { xml: 'rss', atom: 'atom', json: 'json' };

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * Parse a request path (under the site's path prefix, which is removed first) into a route; undefined when
 * it names nothing. Ids are checked against the config and the database later.
 */
export function parseRoute(rawPath: string, prefix: string, homeFeedId: string | undefined): SiteRoute | undefined {
  if (prefix && !(rawPath === prefix || rawPath.startsWith(`${prefix}/`))) return undefined;
  const path = rawPath.slice(prefix.length) || '/';
  if (path === '/') return homeFeedId === undefined ? undefined : { kind: 'feed-page', feedId: homeFeedId };
  if (path === '/archive') return { kind: 'archive' };
  if (path === '/sources') return { kind: 'sources' };
  if (path === '/status') return { kind: 'status' };
  if (path === '/search') return { kind: 'search' };
  if (path === '/sources.opml') return { kind: 'opml' };
  let m = /^\/feeds\/([^/]+?)(?:\.(xml|atom|json))?$/.exec(path);
  if (m) {
    const feedId = decode(m[1] ?? '');
    if (feedId === undefined) return undefined;
    const format = m[2] ? EXTENSIONS[m[2]] : undefined;
    return format ? { kind: 'feed-file', feedId, format } : { kind: 'feed-page', feedId };
  }
  m = /^\/archive\/(\d{4})\/(\d{2})(?:\/page\/([1-9]\d{0,5}))?$/.exec(path);
  if (m) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return undefined;
    return { kind: 'archive-month', year: Number(m[1]), month, page: Number(m[3] ?? 1) };
  }
  m = /^\/stories\/([1-9]\d{0,15})$/.exec(path);
  if (m) return { kind: 'story', storyId: Number(m[1]) };
  return undefined;
}
