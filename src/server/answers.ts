import { negotiateEncoding } from './accept-encoding.js';
import type { Encoding } from './accept-encoding.js';
import type { CompressedCache } from './compressed-cache.js';
import { isCompressible, MIN_COMPRESS_BYTES } from './compressed-cache.js';
import type { BodyDigests } from './body-digests.js';
import type { RequestCell } from './http-metrics.js';
import type { PlainResponse, RequestConditions } from './represent.js';
import { KEPT_ON_304, pick, representHeaders } from './represent.js';
import type { RouteLabel } from './route-label.js';
import type { Rendered } from './types.js';
import { entityTag, isNotModified, lastModifiedMs } from './validators.js';

/**
 * What a response served from its last good bytes says (RFC 9111 §5.5 retired `Warning`, but caches and
 * people still read it; 111 is "Revalidation Failed").
 */
export const STALE_WARNING = '111 feedloom "Revalidation Failed: database unreadable, last good copy"';

/** A flat header list as `ServerResponse.writeHead` takes it: name, value, name, value. */
export type FlatHeaders = string[];

/** One coding of an answer: its bytes and every header of its 200 and 304, written once. */
export interface Variant {
  etag: string;
  body: Buffer;
  ok: FlatHeaders;
  okStale: FlatHeaders;
  notModified: FlatHeaders;
  notModifiedStale: FlatHeaders;
  /** The same headers as an object, for the fastify path. */
  headers: Record<string, string>;
}

/** A page or feed as last rendered with status 200, ready to be written to a socket without any work. */
export interface Answer {
  path: string;
  route: RouteLabel;
  /** The site's generation it was rendered in: it answers requests only while that is the current one. */
  generation: number;
  /** The hash its ETags are built on, and Last-Modified in whole-second ms, for conditional requests that are not a plain match. */
  validators: { base: string; lastModifiedMs?: number };
  compressible: boolean;
  identity: Buffer;
  /** Headers shared by every coding (no ETag, length or coding). */
  common: Record<string, string>;
  variants: Partial<Record<Encoding, Variant>>;
  /** The metrics cells of this route's 200s and 304s, found once. */
  okCell: RequestCell;
  notModifiedCell: RequestCell;
}

/** How answers are bounded and counted. */
export interface AnswerStoreOptions {
  /** Most bytes (all codings) kept; the least recently installed answers go first. Default 64 MiB. */
  maxBytes?: number;
  cell(route: RouteLabel, status: number): RequestCell;
  /** Called with every new answer installed from a rendering (not with one carried into a new generation unchanged). */
  onInstall?: (answer: Answer) => void;
}

/**
 * The last good answer of every page and feed rendered with status 200, by request path. While the
 * site's generation is the one an answer was rendered in, the hot path writes it straight to the socket;
 * afterwards it stays as the last good copy, answered when the database cannot be read (stale-if-error),
 * until a new rendering replaces it. Codings are added as clients ask for them.
 */
export class AnswerStore {
  private readonly answers = new Map<string, Answer>();
  private readonly sizes = new Map<string, number>();
  private total = 0;
  private readonly maxBytes: number;
  /** `Accept-Encoding` values seen, with the coding they choose: clients send a handful of distinct ones. */
  private readonly negotiated = new Map<string, Encoding>();

  constructor(private readonly options: AnswerStoreOptions) {
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  }

  get(path: string): Answer | undefined {
    return this.answers.get(path);
  }

  /** The coding for a client's `Accept-Encoding`, remembered by header value. */
  encodingFor(header: string | undefined): Encoding {
    if (header === undefined) return 'identity';
    let encoding = this.negotiated.get(header);
    if (encoding === undefined) {
      encoding = negotiateEncoding(header);
      if (this.negotiated.size >= 256) this.negotiated.clear();
      this.negotiated.set(header, encoding);
    }
    return encoding;
  }

  /**
   * Keep `rendered` (status 200) as the answer for `path`, replacing the one before — or, when it renders the
   * same bytes with the same headers (as after a generation that changed nothing here), carrying that one into
   * `generation` with the codings already built.
   */
  install(path: string, route: RouteLabel, rendered: Rendered, generation: number, context: { csp: string; digests: BodyDigests }): Answer {
    const { bytes, digest } = context.digests.of(rendered.body);
    const common = representHeaders(rendered, context.csp);
    const before = this.answers.get(path);
    if (before !== undefined && before.validators.base === digest && before.route === route && JSON.stringify(before.common) === JSON.stringify(common)) {
      before.generation = Math.max(before.generation, generation);
      return before;
    }
    const answer: Answer = {
      path, route, generation,
      validators: { base: digest, ...optional('lastModifiedMs', lastModifiedMs(rendered.lastModified)) },
      compressible: bytes.length >= MIN_COMPRESS_BYTES && isCompressible(rendered.contentType),
      identity: bytes,
      common,
      variants: {},
      okCell: this.options.cell(route, 200),
      notModifiedCell: this.options.cell(route, 304),
    };
    this.forget(path);
    this.answers.set(path, answer);
    this.account(path, bytes.length);
    this.options.onInstall?.(answer);
    return answer;
  }

  /**
   * Keep a copy saved earlier (by any process: the copies on disk) as the answer for its path, in no current
   * generation: it answers only as a last good copy, until a rendering replaces it. Not handed to `onInstall`.
   */
  restore(saved: Pick<Answer, 'path' | 'route' | 'validators' | 'common' | 'identity'>): Answer {
    const { path, route, identity, common } = saved;
    const answer: Answer = {
      path, route, generation: -1,
      validators: saved.validators,
      compressible: identity.length >= MIN_COMPRESS_BYTES && isCompressible(common['content-type'] ?? ''),
      identity, common,
      variants: {},
      okCell: this.options.cell(route, 200),
      notModifiedCell: this.options.cell(route, 304),
    };
    this.forget(path);
    this.answers.set(path, answer);
    this.account(path, identity.length);
    return answer;
  }

  /** The coding `encoding` of `answer`, compressing it (once, through `cache`) when no client asked for it before. */
  async variant(answer: Answer, encoding: Encoding, cache: CompressedCache): Promise<Variant> {
    const known = answer.variants[encoding];
    if (known !== undefined) return known;
    const body = encoding === 'identity' ? answer.identity : await cache.get(answer.validators.base, encoding, answer.identity);
    const made = answer.variants[encoding] ?? buildVariant(answer, encoding, body);
    if (answer.variants[encoding] === undefined) {
      answer.variants[encoding] = made;
      if (this.answers.get(answer.path) === answer && encoding !== 'identity') this.account(answer.path, body.length);
    }
    return made;
  }

  private forget(path: string): void {
    if (!this.answers.delete(path)) return;
    this.total -= this.sizes.get(path) ?? 0;
    this.sizes.delete(path);
  }

  private account(path: string, size: number): void {
    this.sizes.set(path, (this.sizes.get(path) ?? 0) + size);
    this.total += size;
    for (const oldest of this.answers.keys()) {
      if (this.total <= this.maxBytes || oldest === path) break;
      this.forget(oldest);
    }
  }
}

/** The response for a request answered from `answer` (the fastify path; the hot path writes the same headers itself). */
export function answerResponse(answer: Answer, variant: Variant, request: RequestConditions, stale: boolean): PlainResponse {
  const headers = { ...variant.headers };
  if (stale) headers['warning'] = STALE_WARNING;
  if (isNotModified(request, answer.validators)) return { status: 304, headers: pick(headers, [...KEPT_ON_304, 'warning']) };
  return { status: 200, headers, body: variant.body };
}

function buildVariant(answer: Answer, encoding: Encoding, body: Buffer): Variant {
  const etag = entityTag(answer.validators.base, encoding);
  const headers: Record<string, string> = { ...answer.common, etag };
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  const full = { ...headers, 'content-length': String(body.length) };
  const notModified = pick(headers, KEPT_ON_304);
  return {
    etag, body, headers,
    ok: flat(full),
    okStale: flat({ ...full, warning: STALE_WARNING }),
    notModified: flat(notModified),
    notModifiedStale: flat({ ...notModified, warning: STALE_WARNING }),
  };
}

function flat(headers: Record<string, string>): FlatHeaders {
  return Object.entries(headers).flat();
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
