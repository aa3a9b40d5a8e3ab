// The site's URL scheme, both directions: the paths pages and feeds link to (sitePaths) and the request paths
// the site answers (parseRoute), with one table of feed file extensions. Pure: no I/O, no imports.

/** The three curated-feed renderings. */
export type FeedFormatName = 'rss' | 'atom' | 'json';

/** The file extension of each rendering (`/feeds/{id}.xml` · `.atom` · `.json`): the one table both directions read. */
const FEED_EXTENSIONS: Readonly<Record<FeedFormatName, string>> = { rss: 'xml', atom: 'atom', json: 'json' };

/** The rendering an extension names; undefined for any other extension. */
function formatOfExtension(extension: string): FeedFormatName | undefined {
  return (Object.keys(FEED_EXTENSIONS) as FeedFormatName[]).find((format) => FEED_EXTENSIONS[format] === extension);
}

/** Site-absolute paths of every page and feed (DESIGN.md routes), under the base URL's path prefix. */
export interface SitePaths {
  /** `/`: the first curated feed's headlines. */
  home: string;
  /** `/feeds/{id}` */
  feedPage(id: string): string;
  /** `/feeds/{id}.xml` · `.atom` · `.json` */
  feedFile(id: string, format: FeedFormatName): string;
  /** `/archive` */
  archive: string;
  /** `/archive/{yyyy}/{mm}`, and `/archive/{yyyy}/{mm}/page/{n}` for pages after the first. */
  archiveMonth(year: number, month: number, page?: number): string;
  /** `/stories/{id}` */
  story(id: string): string;
  /** `/sources`: the source list with each source's health. */
  sources: string;
  /** `/sources.opml` */
  opml: string;
  /** `/status`: the operator's overview. */
  status: string;
  /** `/search`, and `/search?q=…&page=n` for a query. */
  search(query?: string, page?: number): string;
  /** Turn one of these paths into an absolute URL. */
  absolute(path: string): string;
}

/** Build the path helpers for a site served at `baseUrl`. */
export function sitePaths(baseUrl: string): SitePaths {
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  const at = (path: string): string => `${prefix}${path}`;
  const seg = encodeURIComponent;
  return {
    home: at('/'),
    feedPage: (id) => at(`/feeds/${seg(id)}`),
    feedFile: (id, format) => at(`/feeds/${seg(id)}.${FEED_EXTENSIONS[format]}`),
    archive: at('/archive'),
    archiveMonth: (year, month, page = 1) => {
      const path = `/archive/${String(year).padStart(4, '0')}/${String(month).padStart(2, '0')}`;
      return at(page > 1 ? `${path}/page/${page}` : path);
    },
    story: (id) => at(`/stories/${seg(id)}`),
    sources: at('/sources'),
    opml: at('/sources.opml'),
    status: at('/status'),
    search: (query, page = 1) => {
      if (query === undefined) return at('/search');
      return at(`/search?q=${encodeURIComponent(query)}${page > 1 ? `&page=${page}` : ''}`);
    },
    absolute: (path) => new URL(path, base.origin).href,
  };
}

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

/** `/feeds/{id}`, or `/feeds/{id}.{extension}` with one of the table's extensions (letters only: nothing to escape). */
const FEED_PATH = new RegExp(`^/feeds/([^/]+?)(?:\\.(${Object.values(FEED_EXTENSIONS).join('|')}))?$`);

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
  let m = FEED_PATH.exec(path);
  if (m) {
    const feedId = decode(m[1] ?? '');
    if (feedId === undefined) return undefined;
    const format = m[2] ? formatOfExtension(m[2]) : undefined;
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
