import { FeedloomError, type CuratedFeed } from '../model/index.js';
import { httpUrl } from './safe-url.js';

/** The feed's own URLs, checked: each must be absolute http(s) (they come from `site.baseUrl`). */
export interface CheckedFeedUrls {
  page: string;
  site: string;
  rss: string;
  atom: string;
  json: string;
  hubs: string[];
}

/** Validate the URLs a curated feed advertises; a bad one is a bug upstream, so it throws INTERNAL. */
export function checkedFeedUrls(feed: CuratedFeed): CheckedFeedUrls {
  const need = (url: string, what: string): string => {
    const ok = httpUrl(url);
    if (!ok) throw new FeedloomError('INTERNAL', `curated feed ${feed.id}: ${what} is not an http(s) URL`);
    return ok;
  };
  const hubs: string[] = [];
  for (const hub of feed.hubs) {
    const ok = httpUrl(hub);
    if (ok && !hubs.includes(ok)) hubs.push(ok);
  }
  return {
    page: need(feed.pageUrl, 'pageUrl'),
    site: need(feed.site.url, 'site.url'),
    rss: need(feed.feedUrls.rss, 'feedUrls.rss'),
    atom: need(feed.feedUrls.atom, 'feedUrls.atom'),
    json: need(feed.feedUrls.json, 'feedUrls.json'),
    hubs,
  };
}
