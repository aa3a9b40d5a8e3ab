import { parseHttpUrl } from '../model/index.js';
import type { LinkedFeed } from '../model/index.js';
import { tokenizeHtml } from '../normalise/html/tokenizer.js';

/** A feed an HTML page advertises with `<link rel="alternate">`. */
export type DiscoveredFeed = LinkedFeed;

const FEED_TYPES = new Set([
  'application/rss+xml', 'application/atom+xml', 'application/rdf+xml', 'application/feed+json',
  'application/json', 'text/xml', 'application/xml',
]);

/**
 * The feeds an HTML page links to with `<link rel="alternate" type="...feed type..." href>`, in page
 * order, each once, resolved against `<base href>` and the page URL (absolute ones only when it is not known).
 * Only http(s) URLs are kept.
 */
export function discoverFeeds(html: string, pageUrl: string | undefined): DiscoveredFeed[] {
  let base = pageUrl;
  const found: DiscoveredFeed[] = [];
  const seen = new Set<string>();
  const resolve = (href: string): string | undefined => parseHttpUrl(href, base)?.href;
  tokenizeHtml(html, {
    text: () => undefined,
    endTag: () => undefined,
    startTag(name, attributes) {
      const attribute = (key: string): string | undefined => attributes.find((a) => a.name === key)?.value;
      if (name === 'base') {
        const href = attribute('href');
        base = (href !== undefined ? resolve(href) : undefined) ?? base;
        return;
      }
      if (name !== 'link') return;
      const rel = (attribute('rel') ?? '').toLowerCase().split(/\s+/);
      const type = (attribute('type') ?? '').toLowerCase().split(';')[0]?.trim() ?? '';
      const href = attribute('href');
      if (!rel.includes('alternate') || !FEED_TYPES.has(type) || href === undefined) return;
      const url = resolve(href);
      if (url === undefined || seen.has(url)) return;
      seen.add(url);
      const title = attribute('title')?.trim();
      found.push({ url, type, ...(title ? { title } : {}) });
    },
  });
  return found;
}
