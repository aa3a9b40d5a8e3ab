import { parseHttpUrl } from '../model/http-url.js';

/** Ids (sources, vendors, curated feeds) and tags: lower-case letters, digits and single hyphens. */
export const SLUG_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
export const SLUG_MESSAGE = 'not a valid id: use lower-case letters, digits and single hyphens (e.g. "the-register")';

/** A BCP 47 language tag such as "en" or "en-GB". */
export const LANGUAGE_PATTERN = '^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$';
export const LANGUAGE_MESSAGE = 'not a language tag such as "en" or "en-GB"';

/** The start every feed, site or hub URL must have (the full check is httpUrlProblem). */
export const HTTP_URL_PATTERN = '^[Hh][Tt][Tt][Pp][Ss]?://';
export const HTTP_URL_MESSAGE = 'not an http(s) URL';

export const DURATION_MESSAGE = 'not a duration: use a number and a unit, e.g. "90s", "15m", "24h", "7d"';

/** The longest URL accepted: what browsers, proxies and most servers handle (RFC 9110 recommends at least 8,000; 2,048 is the common floor). */
export const MAX_URL_LENGTH = 2_048;

/**
 * Whether a string is an absolute http: or https: URL with a host, no `user:password@` (credentials in a
 * URL end up in logs, `sources list` and OPML exports: a source takes them in `auth`) and at most
 * MAX_URL_LENGTH characters; the problem, or undefined.
 */
export function httpUrlProblem(text: string): string | undefined {
  if (text.length > MAX_URL_LENGTH) return `URL too long: ${text.length} characters (at most ${MAX_URL_LENGTH})`;
  const url = parseHttpUrl(text);
  if (url === undefined) return HTTP_URL_MESSAGE;
  if (url.username !== '' || url.password !== '') {
    return 'credentials (user:password@) in a URL are refused: they would be logged and shown; give a source "auth": { "username", "password" } instead';
  }
  return undefined;
}

/** What is wrong with a value sent as an HTTP header (control characters such as CR/LF would split it), or undefined. */
export function headerValueProblem(text: string): string | undefined {
  // Field values are visible ASCII, spaces and tabs, and (obsolete but accepted) bytes 0x80-0xFF; never CR, LF or NUL.
  const bad = /[\u0000-\u0008\u000a-\u001f\u007f]/.exec(text);
  if (bad) return `contains a control character (U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} at position ${bad.index + 1}), which HTTP headers cannot carry`;
  if ([...text].some((ch) => ch.charCodeAt(0) > 0xff)) return 'contains characters beyond Latin-1, which HTTP headers cannot carry';
  return undefined;
}

/** Compile a keyword or exclude pattern as curated feeds use it: Unicode, case-insensitive unless asked. */
export function compilePattern(source: string, caseSensitive: boolean): RegExp {
  return new RegExp(source, caseSensitive ? 'u' : 'iu');
}

/** What is wrong with a keyword or exclude pattern (it must compile and must not match everything), or undefined. */
export function patternProblem(source: string): string | undefined {
  if (source === '') return 'empty pattern: it would match every item';
  let regex: RegExp;
  try {
    regex = compilePattern(source, false);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: \/.*\/\w*: /s, '') : String(error);
    return `invalid regular expression: ${reason}`;
  }
  if (regex.test('')) return 'pattern matches the empty string, so it would match every item';
  return undefined;
}

/**
 * Whether a proxy URL is usable: http: or https: with a host (credentials allowed here: the operator wrote them
 * for the proxy, and they are never shown), or the problem.
 */
export function proxyUrlProblem(text: string): string | undefined {
  if (parseHttpUrl(text) !== undefined) return undefined;
  return URL.canParse(text) ? 'a proxy URL must be http:// or https:// with a host' : 'not a proxy URL such as "http://proxy.internal:3128"';
}
