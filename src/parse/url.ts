const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;
const PLACEHOLDER = 'http://relative.invalid';

/** True when the reference names its own scheme (`http:`, `mailto:`, `tag:` ...). */
export function isAbsoluteUrl(ref: string): boolean {
  return SCHEME.test(ref);
}

const UNSAFE_SCHEME = /^\s*(?:javascript|vbscript|data):/i;

/** True for references whose scheme can run code (`javascript:`, `vbscript:`, `data:`): never a base. */
export function isUnsafeUrl(ref: string): boolean {
  return UNSAFE_SCHEME.test(ref);
}

/**
 * Apply an xml:base value: unsafe schemes are ignored (the parent base stays), and a malformed
 * `http:///host/` is read as `http://host/`, as browsers and feedparser do.
 */
export function resolveBase(value: string, parentBase: string | undefined): string | undefined {
  if (isUnsafeUrl(value)) return parentBase;
  const repaired = value.trim().replace(/^(https?:)\/\/\/+/i, '$1//');
  return resolveUrl(repaired, parentBase);
}

/**
 * Resolve a URI reference against a base. Absolute references are returned as written (never
 * re-serialised); with no base the reference is returned unchanged; a relative base is still applied
 * (`/a/` + `b` → `/a/b`), so xml:base chains compose even without a document URL.
 */
export function resolveUrl(ref: string, base: string | undefined): string {
  const trimmed = ref.trim();
  if (!base) return trimmed;
  if (!trimmed) return base;
  if (isAbsoluteUrl(trimmed)) return trimmed;
  try {
    if (isAbsoluteUrl(base)) return new URL(trimmed, base).href;
    const resolved = new URL(trimmed, new URL(base, `${PLACEHOLDER}/`)).href;
    return resolved.startsWith(PLACEHOLDER) ? resolved.slice(PLACEHOLDER.length) : resolved;
  } catch {
    return trimmed;
  }
}
