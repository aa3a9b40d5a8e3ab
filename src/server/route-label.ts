import { mediaType } from './response-headers.js';

/**
 * What a request was for, as a metrics label. A small fixed set, never the raw path, so that a
 * crawler requesting a million made-up URLs cannot make a million time series.
 */
export type RouteLabel =
  | 'page'
  | 'feed_rss'
  | 'feed_atom'
  | 'feed_json'
  | 'archive'
  | 'story'
  | 'search'
  | 'opml'
  | 'health'
  | 'metrics'
  | 'not_found'
  | 'bad_request';

/** Every label, for exposition in a stable order. */
export const ROUTE_LABELS: readonly RouteLabel[] = [
  'page', 'feed_rss', 'feed_atom', 'feed_json', 'archive', 'story', 'search', 'opml', 'health', 'metrics', 'not_found', 'bad_request',
];

const BY_MEDIA_TYPE: Readonly<Record<string, RouteLabel>> = {
  'application/rss+xml': 'feed_rss',
  'application/atom+xml': 'feed_atom',
  'application/feed+json': 'feed_json',
  'text/x-opml': 'opml',
  'text/x-opml+xml': 'opml',
};

const BY_EXTENSION: Readonly<Record<string, RouteLabel>> = { xml: 'feed_rss', atom: 'feed_atom', json: 'feed_json' };

/** The label of a site resource at `path` answered with `contentType`. */
export function siteRouteLabel(path: string, contentType: string): RouteLabel {
  const byType = BY_MEDIA_TYPE[mediaType(contentType)];
  if (byType !== undefined) return byType;
  // The site may live under a base path (`/news/archive/...`), so match the segment anywhere.
  const feed = /\/feeds\/[^/]+\.(xml|atom|json)$/.exec(path)?.[1];
  if (feed !== undefined) return BY_EXTENSION[feed] ?? 'page';
  if (/\.opml$/.test(path)) return 'opml';
  if (/\/archive(?:\/|$)/.test(path)) return 'archive';
  if (/\/stories\//.test(path)) return 'story';
  if (/\/search$/.test(path) && !/\/feeds\//.test(path)) return 'search';
  return 'page';
}
