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

/** Whether a string is an absolute http: or https: URL with a host; the problem, or undefined. */
export function httpUrlProblem(text: string): string | undefined {
  if (!URL.canParse(text)) return HTTP_URL_MESSAGE;
  const url = new URL(text);
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return HTTP_URL_MESSAGE;
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
