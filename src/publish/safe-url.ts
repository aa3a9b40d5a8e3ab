import { parseHttpUrl } from '../model/http-url.js';

/**
 * parseHttpUrl's answer in the form the templates take: the URL as an absolute http(s) URL (WHATWG-serialised, so `<`, `>`, `"` and spaces are
 * percent-encoded), or null for anything else: `javascript:`, `data:`, relative or malformed URLs.
 */
export function httpUrl(url: string | null | undefined): string | null {
  return parseHttpUrl(url)?.href ?? null;
}
