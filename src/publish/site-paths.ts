import type { FeedFormatName } from './site-info.js';

const FEED_EXTENSIONS: Readonly<Record<FeedFormatName, string>> = { rss: 'xml', atom: 'atom', json: 'json' };

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
