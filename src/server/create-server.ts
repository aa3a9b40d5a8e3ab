import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import Fastify from 'fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AnswerStore, answerResponse } from './answers.js';
import type { Answer, Variant } from './answers.js';
import { BodyDigests } from './body-digests.js';
import { CompressedCache } from './compressed-cache.js';
import { installFastPath } from './fast-path.js';
import type { FastPath } from './fast-path.js';
import type { HotRequest } from './fast-request.js';
import { checkHealth, healthResponse, oneLine } from './health.js';
import { HttpMetrics } from './http-metrics.js';
import { LastGoodDisk } from './last-good-disk.js';
import { metricsResponse, stalenessFamily } from './metrics.js';
import { represent } from './represent.js';
import type { PlainResponse, RequestConditions } from './represent.js';
import { requestPath } from './request-path.js';
import type { RouteLabel } from './route-label.js';
import { siteRouteLabel } from './route-label.js';
import { plainResponse } from './serve-site.js';
import type { SiteReply } from './serve-site.js';
import type { FeedloomServer, InjectResponse, ServerOptions } from './types.js';
import { isNotModified } from './validators.js';

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_PORT = 8080;
const DEFAULT_HEALTH_TIMEOUT_MS = 2_000;
const DEFAULT_CLOSE_TIMEOUT_MS = 10_000;
/** /metrics waits longer than /healthz: it runs a few aggregate queries, not `select 1`. */
const METRICS_TIMEOUT_MS = 5_000;
/** How long a failed render waits for a ping before deciding between 503 (database away) and 500. */
const FAILURE_PING_MS = 1_000;
/** How long `close()` waits for the last good copies still to be written to disk. */
const DISK_FLUSH_MS = 2_000;
const DEFAULT_RETRY_AFTER_S = 10;
const ALLOW = 'GET, HEAD';

/** How a hot request is answered: which coding of which answer, 200 or 304, fresh or stale. */
interface HotReply {
  answer: Answer;
  variant: Variant;
  notModified: boolean;
  stale: boolean;
}

/**
 * The HTTP edge (the only file that imports fastify): /healthz, /metrics, and every other GET or
 * HEAD handed to the site with caching headers and compression; other methods get 405.
 *
 * In front of fastify sits the hot path: a GET or HEAD for a page or feed rendered in the site's current
 * generation is written from bytes and headers built when it was rendered (no routing, no database, no
 * render, no header object), counted in metrics cells found once. It is answered first on the socket itself
 * (fast-path.ts: one prebuilt buffer per response, no node:http request or response objects); a connection
 * that sends anything else is handed to node:http, whose listener answers hot requests the same way from
 * then on (`answerHot`). Everything else — a first request, a coding not asked for before, /healthz, /metrics, errors —
 * goes through fastify. When the site's freshness says the database cannot be read, pages rendered
 * before are answered with their last good bytes and a `Warning` (from memory, or from the copies on disk
 * that every process serving the database writes, when `lastGood` names their directory), and pages never
 * rendered get 503.
 */
export async function createServer(options: ServerOptions): Promise<FeedloomServer> {
  const { site, db, logger, csp } = options;
  const { freshness } = site;
  const healthTimeoutMs = options.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS;
  const closeTimeoutMs = options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;
  const retryAfter = String(options.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_S);
  const metrics = new HttpMetrics();
  const cache = new CompressedCache();
  const digests = new BodyDigests();
  // The last good copies on disk: written when an answer is installed, read only when the database cannot be.
  const disk = options.lastGood === undefined || freshness === undefined ? undefined : new LastGoodDisk({ ...options.lastGood, logger });
  const answers = new AnswerStore({ cell: (route, status) => metrics.cell(route, status), ...(disk === undefined ? {} : { onInstall: (answer: Answer) => disk.save(answer) }) });
  // The route label a handler chose, read back when the response is finished.
  const labels = new WeakMap<object, RouteLabel>();

  // Say once when the database becomes unreadable and once when it is back (the checks run every second).
  let reported: string | undefined;
  const unwatch = freshness?.watch(() => {
    const problem = freshness.problem;
    if (problem !== undefined && reported === undefined) {
      logger.error('database unreadable: answering pages and feeds rendered before with their last good bytes, others with 503', { reason: problem });
    } else if (problem === undefined && reported !== undefined) {
      logger.info('database readable again: serving fresh renderings');
    }
    reported = problem;
  });

  /** The prebuilt reply to a GET or HEAD of a page or feed rendered in the current generation, in the coding asked for. */
  const hotReply = (request: HotRequest): HotReply | undefined => {
    if (freshness === undefined || closing !== undefined) return undefined;
    const answer = answers.get(request.target);
    if (answer === undefined || answer.generation !== freshness.generation) return undefined;
    const variant = answer.variants[answer.compressible ? answers.encodingFor(request.acceptEncoding) : 'identity'];
    if (variant === undefined) return undefined;
    const { ifNoneMatch, ifModifiedSince } = request;
    const notModified = ifNoneMatch === variant.etag
      || ((ifNoneMatch !== undefined || ifModifiedSince !== undefined) && isNotModified({ ifNoneMatch, ifModifiedSince }, answer.validators));
    return { answer, variant, notModified, stale: freshness.problem !== undefined };
  };

  /** Count (and at debug level log) a hot reply written at `started` (performance.now()). */
  const hotAnswered = (request: HotRequest, reply: HotReply, started: number, fast: boolean): void => {
    if (reply.stale) metrics.staleAnswers += 1;
    (reply.notModified ? reply.answer.notModifiedCell : reply.answer.okCell).observe((performance.now() - started) / 1000);
    if (logger.level === 'debug') {
      logger.debug('request', {
        method: request.method, path: clip(request.target), status: reply.notModified ? 304 : 200, route: reply.answer.route,
        encoding: reply.variant.headers['content-encoding'] ?? 'identity', hot: true, ...(fast ? { fast: true } : {}),
      });
    }
  };

  /** Answer from a prebuilt answer without fastify (a connection the fast path handed over); false when this request needs the full path. */
  const answerHot = (req: IncomingMessage, res: ServerResponse): boolean => {
    const method = req.method;
    if (method !== 'GET' && method !== 'HEAD') return false;
    const headers = req.headers;
    const request: HotRequest = {
      method, target: req.url ?? '',
      acceptEncoding: headers['accept-encoding'], ifNoneMatch: headers['if-none-match'], ifModifiedSince: headers['if-modified-since'],
    };
    const started = performance.now();
    const reply = hotReply(request);
    if (reply === undefined) return false;
    const { variant, notModified, stale } = reply;
    if (notModified) res.writeHead(304, stale ? variant.notModifiedStale : variant.notModified).end();
    else if (method === 'HEAD') res.writeHead(200, stale ? variant.okStale : variant.ok).end();
    else res.writeHead(200, stale ? variant.okStale : variant.ok).end(variant.body);
    hotAnswered(request, reply, started, false);
    return true;
  };

  let fastPath: FastPath | undefined;

  const app = Fastify({
    logger: false,
    ...(options.keepAliveTimeoutMs === undefined ? {} : { keepAliveTimeout: options.keepAliveTimeoutMs }),
    serverFactory: (handler, factoryOptions) => {
      const server = createHttpServer((req, res) => {
        if (!answerHot(req, res)) handler(req, res);
      });
      // What fastify sets on a server it makes itself.
      server.keepAliveTimeout = Number(factoryOptions['keepAliveTimeout']);
      server.requestTimeout = Number(factoryOptions['requestTimeout']);
      server.setTimeout(Number(factoryOptions['connectionTimeout']));
      if (options.headersTimeoutMs !== undefined) server.headersTimeout = options.headersTimeoutMs;
      fastPath = installFastPath(server, {
        reply: hotReply,
        answered: (request, reply, started) => hotAnswered(request, reply, started, true),
        failed: (error) => logger.error('fast path: answering on a socket failed', { error: oneLine(error) }),
      });
      return server;
    },
    exposeHeadRoutes: false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // A URL the router cannot decode: answer as for any other bad path.
    // Fastify runs no hooks for these requests, so they are counted and logged here.
    frameworkErrors: (error, request, reply) => {
      void send(request, reply, 'bad_request', plainResponse(400, 'Bad Request'));
      metrics.observe('bad_request', 400, 0);
      logger.debug('request', { method: request.method, path: clip(request.url), status: 400, route: 'bad_request', error: error.code });
    },
  });

  let closing: Promise<void> | undefined;

  const send = (request: FastifyRequest, reply: FastifyReply, route: RouteLabel, response: PlainResponse): FastifyReply => {
    labels.set(request.raw, route);
    reply.code(response.status).headers(response.headers);
    // While closing, end each keep-alive connection after its in-flight response, or it would
    // sit idle until the close timeout cut it.
    if (closing !== undefined) reply.header('connection', 'close');
    if (response.body === undefined) return reply.send();
    if (request.method === 'HEAD') return reply.header('content-length', String(response.body.length)).send();
    return reply.send(response.body);
  };

  app.addHook('onResponse', async (request, reply) => {
    const route = labels.get(request.raw) ?? 'bad_request';
    metrics.observe(route, reply.statusCode, reply.elapsedTime / 1000);
    if (logger.level !== 'debug') return;
    logger.debug('request', {
      method: request.method, path: clip(request.url), status: reply.statusCode, route,
      ms: Math.round(reply.elapsedTime * 10) / 10, encoding: header(reply.getHeader('content-encoding')),
    });
  });

  app.setErrorHandler((error: { statusCode?: number; message?: string }, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) logger.error('request failed', { path: clip(request.url), error: oneLine(error) });
    return send(request, reply, status === 500 ? 'page' : 'bad_request', plainResponse(status, status === 500 ? 'Internal Server Error' : 'Bad Request'));
  });

  app.setNotFoundHandler((request, reply) => {
    // Only GET and HEAD have routes: any other method ends here, and so does a GET whose target
    // is not a path (absolute-form, `*`).
    if (request.method === 'GET' || request.method === 'HEAD') return send(request, reply, 'bad_request', plainResponse(400, 'Bad Request'));
    return send(request, reply, 'bad_request', plainResponse(405, 'Method Not Allowed', { allow: ALLOW }));
  });

  app.route({
    method: ['GET', 'HEAD'], url: '/healthz',
    handler: async (request, reply) => {
      const health = await checkHealth(db, healthTimeoutMs, freshness);
      if (!health.ok) logger.error('health check failed', { reason: health.reason });
      return send(request, reply, 'health', healthResponse(health));
    },
  });

  app.route({
    method: ['GET', 'HEAD'], url: '/metrics',
    handler: async (request, reply) => {
      const serving = freshness === undefined ? [] : [stalenessFamily(freshness.problem !== undefined)];
      const outcome = await metricsResponse(db, metrics, METRICS_TIMEOUT_MS, serving);
      if (outcome.storeError !== undefined) logger.error('metrics: database read failed', { error: oneLine(outcome.storeError) });
      return send(request, reply, 'metrics', outcome.response);
    },
  });

  app.route({
    method: ['GET', 'HEAD'], url: '/*',
    handler: async (request, reply) => {
      const target = requestPath(request.url);
      if (!target.ok) {
        logger.debug('bad path', { path: clip(request.url), reason: target.reason });
        return send(request, reply, 'bad_request', plainResponse(400, 'Bad Request'));
      }
      const conditions: RequestConditions = {
        acceptEncoding: header(request.headers['accept-encoding']),
        ifNoneMatch: header(request.headers['if-none-match']),
        ifModifiedSince: header(request.headers['if-modified-since']),
      };
      const queryAt = request.url.indexOf('?');
      const query = queryAt === -1 ? '' : request.url.slice(queryAt + 1);
      const result = await answerSite(target.path, query, conditions);
      if (result.error !== undefined) logger.error('render failed', { path: clip(target.path), error: oneLine(result.error) });
      return send(request, reply, result.route, result.response);
    },
  });

  /**
   * A site request that the hot path did not answer: from its answer when that is current (a coding not
   * built yet, a conditional request), else rendered — and kept as the path's answer when it is a 200 of a
   * query-less URL. A render that fails is answered from the last good answer when there is one; without
   * one, 503 with Retry-After when the database cannot be read, 500 otherwise.
   */
  async function answerSite(path: string, query: string, conditions: RequestConditions): Promise<SiteReply> {
    const keep = freshness !== undefined && query === '';
    const known = keep ? answers.get(path) : undefined;
    const problem = freshness?.problem;
    if (known !== undefined && problem === undefined && known.generation === freshness?.generation) return fromAnswer(known, conditions, false);
    // Known unreadable: answer at once rather than wait for the database.
    if (problem !== undefined) return known !== undefined ? fromAnswer(known, conditions, true) : fromDisk(path, keep, conditions);
    const generation = freshness?.generation ?? 0;
    try {
      const rendered = await site.render(path, query);
      if (rendered === undefined) {
        const page = await site.notFound(path);
        return { response: await represent({ ...page, status: 404 }, conditions, { csp, cache, digests }), route: 'not_found' };
      }
      const route = siteRouteLabel(path, rendered.contentType);
      if (keep && rendered.status === 200 && rendered.perRequest !== true) {
        return fromAnswer(answers.install(path, route, rendered, generation, { csp, digests }), conditions, false);
      }
      return { response: await represent(rendered, conditions, { csp, cache, digests }), route };
    } catch (error) {
      if (known !== undefined) {
        logger.warn('render failed: answered with the last good bytes', { path: clip(path), error: oneLine(error) });
        return fromAnswer(known, conditions, true);
      }
      if (!(await checkHealth(db, FAILURE_PING_MS)).ok) return fromDisk(path, keep, conditions);
      return { response: plainResponse(500, 'Internal Server Error'), route: siteRouteLabel(path, ''), error };
    }
  }

  async function fromAnswer(answer: Answer, conditions: RequestConditions, stale: boolean): Promise<SiteReply> {
    const encoding = answer.compressible ? answers.encodingFor(conditions.acceptEncoding) : 'identity';
    const variant = await answers.variant(answer, encoding, cache);
    if (stale) metrics.staleAnswers += 1;
    return { response: answerResponse(answer, variant, conditions, stale), route: answer.route };
  }

  /**
   * The database cannot be read and this process has no answer for `path`: the copy on disk (another worker's
   * rendering, or one from before a restart), kept in memory from then on; 503 when there is none.
   */
  async function fromDisk(path: string, keep: boolean, conditions: RequestConditions): Promise<SiteReply> {
    const saved = keep && disk !== undefined ? await disk.load(path) : undefined;
    if (saved === undefined) return unavailable(path);
    return fromAnswer(answers.get(path) ?? answers.restore(saved), conditions, true);
  }

  function unavailable(path: string): SiteReply {
    return { response: plainResponse(503, 'Service Unavailable: the database cannot be read', { 'retry-after': retryAfter }), route: siteRouteLabel(path, '') };
  }

  await app.ready();

  return {
    async listen() {
      await app.listen({ host: options.host ?? DEFAULT_HOST, port: options.port ?? DEFAULT_PORT });
      const address = app.server.address();
      if (address === null || typeof address === 'string') throw new Error(`unexpected server address ${String(address)}`);
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      const url = `http://${host}:${address.port}`;
      logger.info('listening', { url });
      return { url };
    },
    close() {
      unwatch?.();
      closing ??= closeGracefully();
      return closing;
    },
    async inject(request) {
      const response = await app.inject({ method: toMethod(request.method), url: request.url, headers: request.headers ?? {} });
      const headers: InjectResponse['headers'] = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
      }
      return { status: response.statusCode, headers, body: response.rawPayload };
    },
  };

  /** Stop accepting, wait for in-flight requests, and cut whatever is still open after the timeout. */
  async function closeGracefully(): Promise<void> {
    const timer = setTimeout(() => {
      logger.warn('close: requests still in flight, closing their connections', { afterMs: closeTimeoutMs });
      fastPath?.destroy();
      app.server.closeAllConnections();
    }, closeTimeoutMs);
    timer.unref();
    fastPath?.close();
    try {
      await app.close();
    } finally {
      clearTimeout(timer);
    }
    if (disk !== undefined) {
      let flushTimer: NodeJS.Timeout | undefined;
      await Promise.race([disk.flush(), new Promise<void>((resolve) => (flushTimer = setTimeout(resolve, DISK_FLUSH_MS)))]);
      clearTimeout(flushTimer);
    }
  }
}

type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS';

function toMethod(method: string | undefined): Method {
  const upper = (method ?? 'GET').toUpperCase();
  return (['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const).find((m) => m === upper) ?? 'GET';
}

/** A header as one string, or undefined when absent. */
function header(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** A request target short enough for a log line. */
function clip(url: string): string {
  return url.length > 200 ? `${url.slice(0, 200)}…` : url;
}
