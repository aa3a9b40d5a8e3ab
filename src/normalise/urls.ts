/** Resolve `href` against `base`; undefined when it is not a valid absolute http(s) URL afterwards. */
export function absoluteHttpUrl(href: string | undefined, base?: string): string | undefined {
  if (href === undefined) return undefined;
  const trimmed = href.trim();
  if (trimmed === '') return undefined;
  let url: URL;
  try {
    url = base ? new URL(trimmed, base) : new URL(trimmed);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}

/**
 * Resolve `href` against `base` for output: absolute http(s) when possible; otherwise the trimmed
 * original when it is at least a relative reference we could not resolve (no base known); else undefined.
 */
export function resolveLink(href: string | undefined, base?: string): string | undefined {
  const absolute = absoluteHttpUrl(href, base);
  if (absolute) return absolute;
  const trimmed = href?.trim() ?? '';
  if (trimmed === '' || base) return undefined;
  // No base to resolve against (a local file without --base): keep relative references, drop other schemes.
  return /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? undefined : trimmed;
}
