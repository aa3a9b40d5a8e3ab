/**
 * The one answer to "is this an http(s) URL", for every stage.
 *
 * Contract: `text` with surrounding white space trimmed, resolved against `base` when one is given (an empty
 * base counts as none), must parse as a WHATWG URL whose scheme is `http:` or `https:` and that has a host.
 * Returns that URL (a new object: the caller may change it; `.href` is its serialisation, with `<`, `>`, `"`
 * and spaces percent-encoded), or undefined for anything else: undefined, null or blank text, a malformed URL,
 * a relative reference with no (or no valid) base, and every other scheme (`javascript:`, `data:`, `mailto:`,
 * `ftp:` ...). Nothing more is judged here: credentials (`user:password@`), length and private addresses are
 * the policy of the caller that refuses them (config/rules.ts, fetch/target-url.ts, fetch/address-guard.ts).
 */
export function parseHttpUrl(text: string | null | undefined, base?: string | URL): URL | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  let url: URL;
  try {
    url = base === undefined || base === '' ? new URL(trimmed) : new URL(trimmed, base);
  } catch {
    return undefined;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' ? url : undefined;
}
