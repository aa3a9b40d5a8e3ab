import { parseHttpUrl } from '../model/http-url.js';

/**
 * Query parameters that only track a click (campaign, referrer, mailing-list, ad-click ids): removed from the
 * canonical URL. Exact names, compared case-insensitively; `utm_*` and friends by prefix below. Generic names
 * that sites also use for content ids (`id`, `cid`, `source`, `share`) are deliberately not listed: removing
 * one of those could merge two different articles, which is worse than missing a duplicate.
 */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id', 'igshid',
  'mc_cid', 'mc_eid', 'mkt_tok', 'ref', 'ref_src', 'ref_url', 'referrer', 'cmpid', 'ncid', 'ocid', 's_cid',
  'sr_share', 'spm', 'soc_src', 'soc_trk', 'wt.mc_id', 'wt_mc_id', '_hsenc', '_hsmi', '__hssc', '__hstc',
  '__hsfp', 'hsctatracking', 'oly_anon_id', 'oly_enc_id', 'rb_clickid', 'vero_conv', 'vero_id', 'at_medium',
  'at_campaign', '__twitter_impression', 'guccounter', 'guce_referrer', 'guce_referrer_sig',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hmb_'];

function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING_PARAMS.has(n) || TRACKING_PREFIXES.some((p) => n.startsWith(p));
}

/**
 * The canonical form of an article URL, used as a dedup key: https, lower-case host without `www.`, no default
 * port, no fragment, no trailing slash, tracking parameters removed and the rest sorted. Two items whose
 * canonical URLs are equal are the same article. Returns undefined for anything that is not an http(s) URL.
 */
export function canonicalUrl(raw: string | null | undefined): string | undefined {
  const url = parseHttpUrl(raw);
  if (url === undefined) return undefined;
  // http and https of the same host and path are the same article; WHATWG URL already lower-cases the host.
  const host = url.hostname.replace(/^www\d*\./, '').replace(/\.$/, '');
  const port = url.port && url.port !== '80' && url.port !== '443' ? `:${url.port}` : '';
  const params = [...url.searchParams.entries()]
    .filter(([name]) => !isTrackingParam(name))
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  let path = url.pathname.replace(/\/{2,}/g, '/');
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  if (path === '/') path = '';
  return `https://${host}${port}${path}${query}`;
}

/**
 * Whether a canonical URL can name one article: a site's home page (no path, no query) cannot. Feeds that link
 * every item to their home page would otherwise put every item in one story.
 */
export function isArticleUrl(canonical: string | null | undefined): canonical is string {
  if (!canonical) return false;
  try {
    const url = new URL(canonical);
    return url.pathname.length > 1 || url.search !== '';
  } catch {
    return false;
  }
}
