import type { Kysely } from 'kysely';
import type { Logger } from '../log/index.js';
import type { Database } from '../store/index.js';

/** One rendered resource, as the site hands it to the server. */
export interface Rendered {
  status: number;
  /** The full media type with its charset, e.g. `application/atom+xml; charset=utf-8`. */
  contentType: string;
  body: string | Buffer;
  /** When the content last changed (ISO 8601): sent as `Last-Modified`, compared with `If-Modified-Since`. */
  lastModified?: string;
  /** Overrides the server's default `Cache-Control` (feeds 5 min, pages 1 min). */
  cacheControl?: string;
  /** Where a redirect (301) points: an absolute URL. */
  location?: string;
  /** Rendered for this request alone (a search): never answered to another request, nor kept as a last good copy. */
  perRequest?: boolean;
}

/**
 * How fresh the site's renderings are, checked off the request path (a poll of the database's content
 * version). The server answers a path from the bytes it rendered while `generation` stays the same, and
 * from its last good bytes while `problem` says the database cannot be read.
 */
export interface SiteFreshness {
  /** Changes whenever a rendering may have changed: new content, another config, or renderings too old. */
  readonly generation: number;
  /** Why the last check could not read the database; undefined while it can. */
  readonly problem: string | undefined;
  /** Start checking; `listener` is called after every check. Returns how to stop. */
  watch(listener: () => void): () => void;
}

/**
 * What the server asks the site for. `path` is the request path without its query string, as the
 * client sent it (percent-encoding kept), e.g. `/`, `/feeds/vmware.atom`, `/archive/2026/11/page/2`.
 */
export interface SiteHandler {
  /**
   * The resource at `path`, or undefined when there is none (the server then answers `notFound`). `query` is the
   * request's query string without its `?` (empty when none): only a page that reads one, such as /search, uses it.
   */
  render(path: string, query?: string): Promise<Rendered | undefined>;
  /** The 404 page for `path` (its status is forced to 404). */
  notFound(path: string): Promise<Rendered>;
  /** When present, renderings are reused until it says they changed, and kept for stale-if-error. */
  freshness?: SiteFreshness;
}

/** Everything `createServer` needs. */
export interface ServerOptions {
  site: SiteHandler;
  db: Kysely<Database>;
  logger: Logger;
  /** The Content-Security-Policy sent with every HTML response. */
  csp: string;
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /** Port to listen on; default 8080, 0 for any free port. */
  port?: number;
  /** How long `/healthz` waits for the database; default 2000 ms. */
  healthTimeoutMs?: number;
  /** The `Retry-After` (seconds) of a 503 for a page never rendered while the database cannot be read; default 10. */
  retryAfterSeconds?: number;
  /** How long `close()` waits for in-flight requests before cutting connections; default 10000 ms. */
  closeTimeoutMs?: number;
  /**
   * Where the last good copies are also kept on disk, shared by every process serving the same database and
   * kept across restarts (see `LastGoodDisk`); without it, only in this process's memory.
   */
  lastGood?: { dir: string; maxBytes?: number };
  /** How long an idle keep-alive connection is kept (node:http's keepAliveTimeout); default fastify's 72000 ms. */
  keepAliveTimeoutMs?: number;
  /** How long a client has to send a request head (node:http's headersTimeout); default node's 60000 ms. */
  headersTimeoutMs?: number;
}

/** A request to `inject` (no socket involved). */
export interface InjectRequest {
  method?: string;
  /** Path with optional query string, e.g. `/feeds/vmware.atom?x=1`. */
  url: string;
  headers?: Record<string, string>;
}

/** What `inject` got back. */
export interface InjectResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** The HTTP edge of feedloom: the site's pages and feeds with caching headers, plus /healthz and /metrics. */
export interface FeedloomServer {
  /** Start accepting connections; resolves with the URL it listens on (e.g. `http://127.0.0.1:8080`). */
  listen(): Promise<{ url: string }>;
  /** Stop accepting, let in-flight requests finish (bounded by `closeTimeoutMs`), then resolve. */
  close(): Promise<void>;
  /** Answer one request in process, as a listening server would (for tests and static builds). */
  inject(request: InjectRequest): Promise<InjectResponse>;
}
