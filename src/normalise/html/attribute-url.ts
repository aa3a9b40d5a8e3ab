/**
 * URL attribute values: feedparser's `make_safe_absolute_uri` — relative references resolved against the
 * base (RFC 3986 §5, on the string, so nothing is re-encoded), schemes outside the allowlist emptied.
 */

/** feedparser's `ACCEPTABLE_URI_SCHEMES` (notably no javascript:, vbscript: or data:). */
const ACCEPTABLE_SCHEMES: ReadonlySet<string> = new Set(
  `file ftp gopher h323 hdl http https imap magnet mailto mms news nntp prospero rsync rtsp rtspu sftp shttp
  sip sips snews svn svn+ssh telnet wais aim callto cvs facetime feed git gtalk irc ircs irc6 itms msnim
  skype ssh smb ymsg`.split(/\s+/),
);

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/** Characters that make a URL meaningless or that browsers would silently drop: refuse the URL. */
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

interface UrlParts {
  scheme?: string;
  authority?: string;
  path: string;
  query?: string;
  fragment?: string;
}

function splitUrl(url: string): UrlParts {
  const scheme = SCHEME.exec(url)?.[1];
  let rest = scheme === undefined ? url : url.slice(scheme.length + 1);
  const parts: UrlParts = { path: '' };
  if (scheme !== undefined) parts.scheme = scheme;
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    parts.fragment = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  const question = rest.indexOf('?');
  if (question >= 0) {
    parts.query = rest.slice(question + 1);
    rest = rest.slice(0, question);
  }
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    parts.authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? '' : rest.slice(slash);
  }
  parts.path = rest;
  return parts;
}

/** A `.` or `..` segment somewhere in a path. */
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;

/** RFC 3986 §5.2.4, on segments. */
function removeDotSegments(path: string): string {
  if (!DOT_SEGMENT.test(path)) return path;
  const segments = path.split('/');
  const output: string[] = [];
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '.') {
      if (last) output.push('');
    } else if (segment === '..') {
      if (output.length > 1 || (output.length === 1 && output[0] !== '')) output.pop();
      if (last) output.push('');
    } else {
      output.push(segment);
    }
  });
  return output.join('/');
}

function joinUrl(parts: UrlParts): string {
  let url = `${parts.scheme ?? ''}:`;
  if (parts.authority !== undefined) url += `//${parts.authority}`;
  url += parts.path;
  if (parts.query !== undefined) url += `?${parts.query}`;
  if (parts.fragment !== undefined) url += `#${parts.fragment}`;
  return url;
}

// Every URL of an item is resolved against the same base: its parts are split once.
let lastBase = '';
let lastBaseParts: UrlParts = { path: '' };

function baseParts(base: string): UrlParts {
  if (base !== lastBase) {
    lastBaseParts = splitUrl(base);
    lastBase = base;
  }
  return lastBaseParts;
}

/** Resolve a relative reference against an absolute base (RFC 3986 §5.2.2); undefined when base is not absolute. */
export function resolveReference(base: string, reference: string): string | undefined {
  const b = baseParts(base);
  if (b.scheme === undefined) return undefined;
  const r = splitUrl(reference);
  if (r.scheme !== undefined) return reference;
  const target: UrlParts = { scheme: b.scheme, path: '' };
  if (r.fragment !== undefined) target.fragment = r.fragment;
  if (r.authority !== undefined) {
    target.authority = r.authority;
    target.path = removeDotSegments(r.path);
    if (r.query !== undefined) target.query = r.query;
    return joinUrl(target);
  }
  if (b.authority !== undefined) target.authority = b.authority;
  if (r.path === '') {
    target.path = b.path;
    const query = r.query ?? b.query;
    if (query !== undefined) target.query = query;
    return joinUrl(target);
  }
  if (r.path.startsWith('/')) {
    target.path = removeDotSegments(r.path);
  } else if (b.authority !== undefined && b.path === '') {
    target.path = removeDotSegments(`/${r.path}`);
  } else {
    target.path = removeDotSegments(b.path.slice(0, b.path.lastIndexOf('/') + 1) + r.path);
  }
  if (r.query !== undefined) target.query = r.query;
  return joinUrl(target);
}

/** Strip leading and trailing C0 controls and spaces, as the URL parser does (a loop: no regex backtracking). */
function trimControlsAndSpaces(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && value.charCodeAt(start) <= 0x20) start++;
  while (end > start && value.charCodeAt(end - 1) <= 0x20) end--;
  return value.slice(start, end);
}

/** Scheme as a browser would read it: tabs and newlines inside are ignored. */
function schemeOf(url: string): string | undefined {
  return SCHEME.exec(url.replace(/[\t\n\r]/g, ''))?.[1]?.toLowerCase();
}

/**
 * A safe value for a URL attribute (decoded text in, decoded text out): trimmed, resolved against
 * `base` when relative, and "" when its scheme is not allowed or it contains control characters.
 */
export function safeUrl(value: string, base?: string): string {
  const trimmed = trimControlsAndSpaces(value);
  if (trimmed === '') return '';
  if (CONTROL.test(trimmed)) return '';
  const scheme = schemeOf(trimmed);
  if (scheme !== undefined) return ACCEPTABLE_SCHEMES.has(scheme) ? trimmed : '';
  if (base === undefined || base === '') return trimmed;
  const resolved = resolveReference(base, trimmed);
  if (resolved === undefined) return trimmed;
  const resolvedScheme = schemeOf(resolved);
  return resolvedScheme !== undefined && ACCEPTABLE_SCHEMES.has(resolvedScheme) ? resolved : '';
}
