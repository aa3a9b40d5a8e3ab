/** The parts of a GET or HEAD the hot path answers on, with the header values as node:http would give them. */
export interface HotRequest {
  readonly method: 'GET' | 'HEAD';
  /** The request target exactly as sent (node:http's `req.url`). */
  readonly target: string;
  readonly acceptEncoding: string | undefined;
  readonly ifNoneMatch: string | undefined;
  readonly ifModifiedSince: string | undefined;
}

/** A request head the fast path may answer: the request, its HTTP minor version and whether the connection stays open. */
export interface FastRequest extends HotRequest {
  readonly http11: boolean;
  readonly keepAlive: boolean;
}

/** Longest request head (request line and headers) the fast path reads; a longer one is node:http's to judge. */
export const MAX_FAST_HEAD = 8 * 1024;
/** Most header lines the fast path reads. */
const MAX_HEADER_LINES = 64;

const REQUEST_LINE = /^(GET|HEAD) (\/[\x21-\x7e]*) HTTP\/1\.([01])$/;
/** `name: value`, the name a token, no space before the colon; leading OWS skipped, trailing OWS refused (below). */
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*)$/;
/** Control characters other than HTAB; CR and LF only appear as the line ends split off. */
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;

// Headers the fast path reads, one bit each, to see a repeated one.
const HOST = 1;
const ACCEPT_ENCODING = 2;
const IF_NONE_MATCH = 4;
const IF_MODIFIED_SINCE = 8;
const CONNECTION = 16;
const CONTENT_LENGTH = 32;

/**
 * The request in `head` (latin1, without its final empty line), or undefined for anything the fast path leaves to
 * node:http: another method or version, a target that is not a plain path, a control character, an obsolete line
 * fold, trailing whitespace in a value, a body (Content-Length other than 0, Transfer-Encoding), Upgrade, Expect,
 * TE, a Connection other than exactly `close` or `keep-alive`, an HTTP/1.1 request without one Host, any header
 * the fast path reads given twice, or too many lines. Strict on purpose: whatever needs a judgement goes to the
 * full HTTP stack, which then owns the connection.
 */
export function parseRequestHead(head: string): FastRequest | undefined {
  const lines = head.split('\r\n');
  if (lines.length > MAX_HEADER_LINES + 1) return undefined;
  const requestLine = REQUEST_LINE.exec(lines[0] ?? '');
  if (requestLine === null) return undefined;
  const http11 = requestLine[3] === '1';
  let seen = 0;
  let acceptEncoding: string | undefined;
  let ifNoneMatch: string | undefined;
  let ifModifiedSince: string | undefined;
  let connection: string | undefined;
  for (let i = 1; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (CONTROL.test(line)) return undefined;
    const match = HEADER_LINE.exec(line);
    if (match === null) return undefined;
    const value = match[2] ?? '';
    const last = value.charCodeAt(value.length - 1);
    if (last === 0x20 || last === 0x09) return undefined;
    let bit: number;
    switch ((match[1] ?? '').toLowerCase()) {
      case 'host': bit = HOST; break;
      case 'accept-encoding': bit = ACCEPT_ENCODING; acceptEncoding = value; break;
      case 'if-none-match': bit = IF_NONE_MATCH; ifNoneMatch = value; break;
      case 'if-modified-since': bit = IF_MODIFIED_SINCE; ifModifiedSince = value; break;
      case 'connection': bit = CONNECTION; connection = value.toLowerCase(); break;
      case 'content-length':
        if (value !== '0') return undefined;
        bit = CONTENT_LENGTH;
        break;
      case 'transfer-encoding': case 'upgrade': case 'expect': case 'te': case 'http2-settings':
        return undefined;
      default: continue;
    }
    if ((seen & bit) !== 0) return undefined;
    seen |= bit;
  }
  if (http11 && (seen & HOST) === 0) return undefined;
  if (connection !== undefined && connection !== 'close' && connection !== 'keep-alive') return undefined;
  return {
    method: requestLine[1] === 'HEAD' ? 'HEAD' : 'GET',
    target: requestLine[2] ?? '',
    acceptEncoding, ifNoneMatch, ifModifiedSince,
    http11,
    keepAlive: http11 ? connection !== 'close' : connection === 'keep-alive',
  };
}

/** Longest head remembered by `RequestHeads`. */
const MAX_REMEMBERED_HEAD = 1024;

/**
 * Request heads already read, by their text: a client (a feed reader, a cache, a load generator) sends the same
 * head again and again, so most requests are found here rather than parsed. At most 256 heads of at most 1 KiB,
 * forgotten all at once when full, as the server remembers Accept-Encoding values.
 */
export class RequestHeads {
  private readonly known = new Map<string, FastRequest | null>();

  /** `parseRequestHead(head)`, remembered. The request returned is shared: never change it. */
  read(head: string): FastRequest | undefined {
    let request = this.known.get(head);
    if (request === undefined) {
      request = parseRequestHead(head) ?? null;
      if (head.length <= MAX_REMEMBERED_HEAD) {
        if (this.known.size >= 256) this.known.clear();
        this.known.set(head, request);
      }
    }
    return request ?? undefined;
  }
}

/** Whether the bytes of a head begun at `offset` can still become a GET or HEAD (a partial head worth waiting for). */
export function couldBeGetOrHead(buffer: Buffer, offset: number): boolean {
  const first = buffer[offset];
  const prefix = first === 0x47 ? GET_PREFIX : first === 0x48 ? HEAD_PREFIX : undefined;
  if (prefix === undefined) return false;
  const length = Math.min(prefix.length, buffer.length - offset);
  return buffer.compare(prefix, 0, length, offset, offset + length) === 0;
}

const GET_PREFIX = Buffer.from('GET /', 'latin1');
const HEAD_PREFIX = Buffer.from('HEAD /', 'latin1');
