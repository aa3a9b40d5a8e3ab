import { FetchError } from '../model/errors.js';
import { parseHttpUrl } from '../model/http-url.js';

/**
 * Parse and validate a URL to fetch (absolute, or relative to `base` for a redirect's Location):
 * http or https with a host, else BAD_URL. WHATWG parsing also normalises odd IPv4 forms
 * (`http://2130706433/`, `http://0x7f.1/`) to dotted quads, so the guard sees the real address.
 */
export function parseTargetUrl(raw: string, base?: URL): URL {
  const from = base ? ` (redirect from ${displayUrl(base)})` : '';
  const url = parseHttpUrl(raw, base);
  if (url === undefined) {
    let parsed: URL;
    try {
      parsed = new URL(raw, base);
    } catch (error) {
      throw new FetchError('BAD_URL', `invalid URL ${JSON.stringify(raw)}${from}`, { url: raw, cause: error });
    }
    throw new FetchError('BAD_URL', `not an http(s) URL: ${displayUrl(parsed)}${from}`, { url: displayUrl(parsed) });
  }
  if (url.username !== '' || url.password !== '') {
    // Credentials in a URL end up in logs and records; a source's `auth` setting carries them instead.
    throw new FetchError('BAD_URL', `credentials (user:password@) in the URL are refused: ${displayUrl(url)}${from}`, { url: displayUrl(url) });
  }
  url.hash = '';
  return url;
}

/** The URL as it may appear in messages and records: any user name and password masked. */
export function displayUrl(url: URL): string {
  if (url.password === '' && url.username === '') return url.href;
  const masked = new URL(url.href);
  if (masked.username !== '') masked.username = '***';
  if (masked.password !== '') masked.password = '***';
  return masked.href;
}
