import { parseHttpUrl } from '../model/http-url.js';

/**
 * Resolve `href` against `base` for output: absolute http(s) when possible; otherwise the trimmed
 * original when it is at least a relative reference we could not resolve (no base known); else undefined.
 */
export function resolveLink(href: string | undefined, base?: string): string | undefined {
  const absolute = parseHttpUrl(href, base)?.href;
  if (absolute) return absolute;
  const trimmed = href?.trim() ?? '';
  if (trimmed === '' || base) return undefined;
  // No base to resolve against (a local file without --base): keep relative references, drop other schemes.
  return /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? undefined : trimmed;
}
