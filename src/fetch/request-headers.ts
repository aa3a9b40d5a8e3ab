import type { FetchRequest } from './fetch-request.js';

/** Feed types first, then generic XML and JSON, then anything (servers often mislabel feeds). */
export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, ' +
  'application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';

/** Codings readBody can undo. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/**
 * The request headers for one hop: Accept, Accept-Encoding, User-Agent, the conditional-GET
 * validators, and the source's Basic credentials, sent only to the origin of the URL they were given for.
 */
export function requestHeaders(request: FetchRequest, hop: URL, start: URL): Record<string, string> {
  const headers: Record<string, string> = {
    accept: FEED_ACCEPT,
    'accept-encoding': ACCEPT_ENCODING,
    'user-agent': request.userAgent,
  };
  if (request.etag) headers['if-none-match'] = request.etag;
  if (request.lastModified) headers['if-modified-since'] = request.lastModified;
  if (request.auth && hop.origin === start.origin) {
    headers.authorization = `Basic ${Buffer.from(`${request.auth.username}:${request.auth.password}`).toString('base64')}`;
  }
  return headers;
}
