/**
 * A local HTTP(S) origin for feedloom's tests: a real server on 127.0.0.1 (or ::1), random port.
 *
 *   const origin = await startOrigin({ conditional: true, gzip: true });
 *   origin.route('/feed.xml', { body: xml, headers: { 'content-type': 'application/rss+xml' } });
 *   origin.route('/slow', slowDrip());
 *   await fetchSomething(origin.urlFor('/feed.xml'));
 *   expect(origin.requestsTo('/feed.xml')).toHaveLength(1);
 *   await origin.close();
 *
 * Routes are matched on the path without its query (`'*'` catches everything else; unknown paths get
 * 404). A route is either a static response or a handler function `(req, res) => void`:
 * - static: `{ status?, headers?, body?, conditional?, gzip? }`. `conditional` adds ETag (a hash of the
 *   body) and Last-Modified (the origin's start time), or the values given, and answers a matching
 *   If-None-Match / If-Modified-Since with 304. `gzip` compresses the body when the request accepts
 *   gzip. Both default to the origin's options. HEAD gets the headers only. Headers given explicitly
 *   win, so corpus files can be served with their `Header:` lines as they are.
 * - handlers for faults: `slowDrip()`, `endlessBody()`, `gzipBomb()` (streamed, never allocating the
 *   decoded size), `hang()`, `resetConnection()`, `rawResponse(text)`; redirects with `redirect()`,
 *   `addRedirectChain()` and `addRedirectLoop()`.
 * Every request is recorded (method, path, headers, TLS server name) before it is answered, so tests
 * can assert "exactly one request per source" and which conditional headers were sent.
 * `startOrigin({ tls })` serves HTTPS; `createSelfSignedCertificate()` makes a key and certificate
 * with the `openssl` CLI. `close()` ends every open connection, including endless ones.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { TLSSocket } from 'node:tls';
import { promisify } from 'node:util';
import { createGzip, gzipSync } from 'node:zlib';

/** One request the origin received. */
export interface RecordedRequest {
  method: string;
  /** Path with query, as sent. */
  path: string;
  /** Path without query: what routes match. */
  pathname: string;
  headers: IncomingHttpHeaders;
  /** The TLS SNI server name, for HTTPS origins. */
  servername: string | undefined;
}

/** A canned response. */
export interface StaticResponse {
  /** Default 200. */
  status?: number;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  /** ETag + Last-Modified + 304 handling: true for computed validators, or the validators to use. */
  conditional?: boolean | { etag?: string; lastModified?: Date | string };
  /** gzip the body when the request accepts it. */
  gzip?: boolean;
}

/** A route that answers by itself. */
export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** What a path answers with. */
export type Route = StaticResponse | Handler;

/** Defaults for the whole origin. */
export interface OriginOptions {
  /** Default for static routes' `conditional`. */
  conditional?: boolean;
  /** Default for static routes' `gzip`. */
  gzip?: boolean;
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** Default 127.0.0.1. */
  host?: '127.0.0.1' | '::1';
}

/** A running local origin. */
export interface Origin {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** Every request so far, oldest first. */
  readonly requests: RecordedRequest[];
  /** The absolute URL of a path on this origin. */
  urlFor(path: string): string;
  /** Register (or replace) the route for a path; `'*'` is the catch-all. */
  route(path: string, route: Route): Origin;
  /** The recorded requests for one path (query ignored). */
  requestsTo(pathname: string): RecordedRequest[];
  clearRequests(): void;
  close(): Promise<void>;
}

/** Start an origin on a random port. */
export async function startOrigin(options: OriginOptions = {}): Promise<Origin> {
  const routes = new Map<string, Route>();
  const requests: RecordedRequest[] = [];
  const startedAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    const path = req.url ?? '/';
    const pathname = new URL(path, 'http://origin.invalid').pathname;
    const servername = (req.socket as Partial<TLSSocket>).servername;
    requests.push({
      method: req.method ?? 'GET',
      path,
      pathname,
      headers: req.headers,
      servername: typeof servername === 'string' ? servername : undefined,
    });
    const route = routes.get(pathname) ?? routes.get('*');
    const answer = (): void | Promise<void> =>
      route === undefined
        ? sendStatic(req, res, { status: 404, body: 'not found' }, options, startedAt)
        : typeof route === 'function'
          ? route(req, res)
          : sendStatic(req, res, route, options, startedAt);
    Promise.resolve()
      .then(answer)
      .catch(() => {
        if (!res.headersSent) res.writeHead(500).end('handler failed');
        else res.destroy();
      });
  };
  const server: Server = options.tls ? createHttpsServer(options.tls, listener) : createHttpServer(listener);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const origin: Origin = {
    url,
    port,
    requests,
    urlFor: (path) => new URL(path, url).href,
    route(path, route) {
      routes.set(path, route);
      return origin;
    },
    requestsTo: (pathname) => requests.filter((request) => request.pathname === pathname),
    clearRequests: () => void requests.splice(0),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return origin;
}

function sendStatic(
  req: IncomingMessage,
  res: ServerResponse,
  route: StaticResponse,
  options: OriginOptions,
  startedAt: Date,
): void {
  const body = typeof route.body === 'string' ? Buffer.from(route.body) : (route.body ?? Buffer.alloc(0));
  const status = route.status ?? 200;
  const headers: Record<string, string | string[]> = {};
  const conditional = route.conditional ?? options.conditional ?? false;
  if (conditional && status === 200) {
    const given = typeof conditional === 'object' ? conditional : {};
    const etag = given.etag ?? `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    const lastModified = new Date(given.lastModified ?? startedAt).toUTCString();
    headers.etag = etag;
    headers['last-modified'] = lastModified;
    if (isNotModified(req.headers, etag, lastModified)) {
      res.writeHead(304, { ...headers, ...route.headers }).end();
      return;
    }
  }
  let payload = body;
  const accepts = /\bgzip\b/i.test(String(req.headers['accept-encoding'] ?? ''));
  if ((route.gzip ?? options.gzip ?? false) && body.length > 0) {
    headers.vary = 'Accept-Encoding';
    if (accepts) {
      payload = gzipSync(body);
      headers['content-encoding'] = 'gzip';
    }
  }
  headers['content-length'] = String(payload.length);
  res.writeHead(status, { ...headers, ...route.headers });
  res.end(req.method === 'HEAD' ? undefined : payload);
}

function isNotModified(headers: IncomingHttpHeaders, etag: string, lastModified: string): boolean {
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    const strip = (tag: string): string => tag.trim().replace(/^W\//, '');
    return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => strip(tag) === strip(etag));
  }
  const since = Date.parse(headers['if-modified-since'] ?? '');
  return !Number.isNaN(since) && Date.parse(lastModified) <= since;
}

/** A redirect response to `location` (absolute or relative). */
export function redirect(location: string, status = 302): StaticResponse {
  return { status, headers: { location } };
}

/**
 * Routes `from` → `from/1` → ... → `to` taking `hops` redirects in all, each with `status`
 * (or `statuses[i]`). Returns the paths that redirect.
 */
export function addRedirectChain(
  origin: Origin,
  chain: { from: string; to: string; hops: number; status?: number; statuses?: number[] },
): string[] {
  const paths = Array.from({ length: chain.hops }, (_, index) => (index === 0 ? chain.from : `${chain.from}/${index}`));
  paths.forEach((path, index) => {
    const target = paths[index + 1] ?? chain.to;
    origin.route(path, redirect(target, chain.statuses?.[index] ?? chain.status ?? 302));
  });
  return paths;
}

/** Routes each path to the next and the last back to the first. */
export function addRedirectLoop(origin: Origin, paths: string[], status = 302): void {
  paths.forEach((path, index) => origin.route(path, redirect(paths[(index + 1) % paths.length] ?? path, status)));
}

/** Headers at once, then one byte every `intervalMs`, forever. */
export function slowDrip(options: { intervalMs?: number; headers?: Record<string, string> } = {}): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml', ...options.headers });
    res.flushHeaders();
    const timer = setInterval(() => res.write(' '), options.intervalMs ?? 200);
    res.on('close', () => clearInterval(timer));
  };
}

/** A body that never ends (no Content-Length), sent as fast as the client reads it. */
export function endlessBody(options: { chunk?: string; headers?: Record<string, string> } = {}): Handler {
  const chunk = Buffer.from((options.chunk ?? '<!-- padding -->\n').repeat(4096));
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml', ...options.headers });
    const forever = new Readable({
      read() {
        this.push(chunk);
      },
    });
    pipeline(forever, res).catch(() => undefined);
  };
}

/**
 * A valid gzip stream of `decodedBytes` zero bytes (default 1 GiB), compressed lazily as the client
 * reads, so neither side needs the decoded size in memory unless it buffers it.
 */
export function gzipBomb(options: { decodedBytes?: number; headers?: Record<string, string> } = {}): Handler {
  const zeros = Buffer.alloc(64 * 1024);
  return (_req, res) => {
    let remaining = options.decodedBytes ?? 1024 ** 3;
    res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip', ...options.headers });
    const source = new Readable({
      read() {
        const size = Math.min(remaining, zeros.length);
        remaining -= size;
        this.push(size > 0 ? zeros.subarray(0, size) : null);
      },
    });
    pipeline(source, createGzip({ level: 9 }), res).catch(() => undefined);
  };
}

/** Read the request and never answer. */
export function hang(): Handler {
  return () => undefined;
}

/** Start a response, then reset the TCP connection (the client sees ECONNRESET). */
export function resetConnection(): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': '1000' });
    res.write('<rss>');
    setTimeout(() => res.socket?.resetAndDestroy(), 20);
  };
}

/** Write `text` to the socket as the whole response, bypassing HTTP framing (malformed responses). */
export function rawResponse(text: string | Buffer): Handler {
  return (req) => {
    req.socket.end(text);
  };
}

const run = promisify(execFile);

/**
 * A fresh self-signed EC key and certificate (PEM) for `hostnames` (DNS names or IPs), made with the
 * `openssl` CLI in a temporary directory. The certificate is its own CA: pass it as `ca` to trust it.
 */
export async function createSelfSignedCertificate(hostnames: string[]): Promise<{ key: string; cert: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'feedloom-cert-'));
  try {
    const names = hostnames.map((name) => (/^[\d.]+$|:/.test(name) ? `IP:${name}` : `DNS:${name}`)).join(',');
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    await run('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', `/CN=${hostnames[0] ?? 'localhost'}`,
      '-addext', `subjectAltName=${names}`,
    ]);
    return { key: await readFile(keyFile, 'utf8'), cert: await readFile(certFile, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
