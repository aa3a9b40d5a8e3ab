/** Response headers as the server writes them: lower-case names. */
export type HeaderMap = Record<string, string>;

/** Cache-Control of the feeds (and OPML): readers poll, and a few minutes of staleness is harmless. */
export const FEED_CACHE_CONTROL = 'public, max-age=300';
/** Cache-Control of HTML pages. */
export const PAGE_CACHE_CONTROL = 'public, max-age=60';
/** Cache-Control of /healthz, /metrics and errors: always fresh. */
export const NO_STORE = 'no-store';

/** The media type of a Content-Type value, lower-cased, without parameters. */
export function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/** Whether `contentType` is an HTML document. */
export function isHtml(contentType: string): boolean {
  const type = mediaType(contentType);
  return type === 'text/html' || type === 'application/xhtml+xml';
}

/** The default Cache-Control for a body of `contentType`: pages refresh faster than feeds. */
export function defaultCacheControl(contentType: string): string {
  return isHtml(contentType) ? PAGE_CACHE_CONTROL : FEED_CACHE_CONTROL;
}

/**
 * Headers every response carries (`nosniff`), plus, on HTML, the site's CSP, no framing and a
 * referrer policy that leaks only the origin to other sites.
 */
export function securityHeaders(contentType: string, csp: string): HeaderMap {
  const headers: HeaderMap = { 'x-content-type-options': 'nosniff' };
  if (isHtml(contentType)) {
    headers['content-security-policy'] = csp;
    headers['x-frame-options'] = 'DENY';
    headers['referrer-policy'] = 'strict-origin-when-cross-origin';
  }
  return headers;
}
