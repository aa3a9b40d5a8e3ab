/** Longest path the server routes; real site paths are far shorter. */
export const MAX_PATH_LENGTH = 2048;

/** A request target split into the path the site routes on, or why it is refused. */
export type RequestPath = { ok: true; path: string } | { ok: false; reason: string };

/**
 * The path of `url` without its query string or fragment, kept percent-encoded, or a refusal:
 * not origin-form, too long, badly percent-encoded, NUL or control characters, backslashes,
 * or a `.`/`..` segment (raw or encoded), none of which a site path ever contains.
 */
export function requestPath(url: string): RequestPath {
  const end = url.search(/[?#]/);
  const path = end === -1 ? url : url.slice(0, end);
  if (!path.startsWith('/')) return { ok: false, reason: 'not an absolute path' };
  if (path.length > MAX_PATH_LENGTH) return { ok: false, reason: 'path too long' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return { ok: false, reason: 'bad percent-encoding' };
  }
  if (/[\x00-\x1f\x7f\\]/.test(decoded)) return { ok: false, reason: 'control character or backslash in path' };
  if (decoded.split('/').some((segment) => segment === '.' || segment === '..')) {
    return { ok: false, reason: 'dot segment in path' };
  }
  return { ok: true, path };
}
