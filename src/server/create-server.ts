import Fastify from 'fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BodyDigests } from './body-digests.js';
import { CompressedCache } from './compressed-cache.js';
import { checkHealth, healthResponse, oneLine } from './health.js';
import { HttpMetrics } from './http-metrics.js';
import { metricsResponse } from './metrics.js';
import type { PlainResponse, RequestConditions } from './represent.js';
import { requestPath } from './request-path.js';
import type { RouteLabel } from './route-label.js';
import { plainResponse, serveSite } from './serve-site.js';
import type { FeedloomServer, InjectResponse, ServerOptions } from './types.js';

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_PORT = 8080;
const DEFAULT_HEALTH_TIMEOUT_MS = 2_000;
const DEFAULT_CLOSE_TIMEOUT_MS = 10_000;
/** /metrics waits longer than /healthz: it runs a few aggregate queries, not `select 1`. */
const METRICS_TIMEOUT_MS = 5_000;
const ALLOW = 'GET, HEAD';

/**
 * The HTTP edge (the only file that imports fastify): /healthz, /metrics, and every other GET or
 * HEAD handed to the site with caching headers and compression; other methods get 405.
 */
export async function createServer(options: ServerOptions): Promise<FeedloomServer> {
  const { site, db, logger, csp } = options;
  const healthTimeoutMs = options.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS;
  const closeTimeoutMs = options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;
  const metrics = new HttpMetrics();
  const cache = new CompressedCache();
  const digests = new BodyDigests();
  // The route label a handler chose, read back when the response is finished.
  const labels = new WeakMap<object, RouteLabel>();

  const app = Fastify({
    logger: false,
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
      const health = await checkHealth(db, healthTimeoutMs);
      if (!health.ok) logger.error('health check failed', { reason: health.reason });
      return send(request, reply, 'health', healthResponse(health));
    },
  });

  app.route({
    method: ['GET', 'HEAD'], url: '/metrics',
    handler: async (request, reply) => {
      const outcome = await metricsResponse(db, metrics, METRICS_TIMEOUT_MS);
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
      const result = await serveSite(site, target.path, conditions, { csp, cache, digests }, query);
      if (result.error !== undefined) logger.error('render failed', { path: clip(target.path), error: oneLine(result.error) });
      return send(request, reply, result.route, result.response);
    },
  });

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
      app.server.closeAllConnections();
    }, closeTimeoutMs);
    timer.unref();
    try {
      await app.close();
    } finally {
      clearTimeout(timer);
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
