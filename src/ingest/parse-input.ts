import { parseHttpUrl } from '../model/index.js';
import type { FetchResult } from '../model/index.js';
import type { ParseInput } from '../parse/index.js';

/**
 * The URL a fetched document's relative links resolve against: its Content-Location when that is an
 * http(s) URL (resolved against where the body came from), else the final URL after redirects.
 */
export function documentUrl(result: Pick<FetchResult, 'finalUrl' | 'headers'>): string {
  const location = result.headers['content-location']?.trim();
  if (!location) return result.finalUrl;
  return parseHttpUrl(location, result.finalUrl)?.href ?? result.finalUrl;
}

/** What the parse stage needs from a fetch: the body, its Content-Type and Content-Language, and its base URL. */
export function parseInputFrom(result: Pick<FetchResult, 'body' | 'finalUrl' | 'headers' | 'contentType'>): ParseInput {
  const language = result.headers['content-language']?.trim();
  return {
    body: result.body,
    url: documentUrl(result),
    ...(result.contentType ? { contentType: result.contentType } : {}),
    ...(language ? { contentLanguage: language } : {}),
  };
}
