/**
 * The URL as an absolute http(s) URL (WHATWG-serialised, so `<`, `>`, `"` and spaces are
 * percent-encoded), or null for anything else: `javascript:`, `data:`, relative or malformed URLs.
 */
export function httpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
}
