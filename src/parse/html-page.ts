import { NotAFeedError } from '../model/index.js';
import { discoverFeeds } from './feed-discovery.js';

/**
 * The error for a web page given where a feed was expected, naming the feeds the page links to
 * (`<link rel="alternate">`, resolved against the page's URL), which is usually what was meant.
 */
export function htmlPageError(html: string, url: string | undefined): NotAFeedError {
  const linkedFeeds = discoverFeeds(html, url !== undefined && URL.canParse(url) ? url : undefined);
  if (linkedFeeds.length === 0) return new NotAFeedError('an HTML page, not a feed (it links to no feed)', { linkedFeeds });
  const list = linkedFeeds.map((feed) => `${feed.url} (${feed.type})`).join(', ');
  const one = linkedFeeds.length === 1;
  return new NotAFeedError(`an HTML page, not a feed; it links to ${one ? 'the feed' : `${linkedFeeds.length} feeds`}: ${list}`, { linkedFeeds });
}
