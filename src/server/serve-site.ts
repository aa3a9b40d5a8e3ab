import { represent } from './represent.js';
import type { PlainResponse, RepresentContext, RequestConditions } from './represent.js';
import { NO_STORE } from './response-headers.js';
import type { RouteLabel } from './route-label.js';
import { siteRouteLabel } from './route-label.js';
import type { SiteHandler } from './types.js';

/** The answer to one site request: the response, its metrics label, and the error when rendering failed. */
export interface SiteReply {
  response: PlainResponse;
  route: RouteLabel;
  error?: unknown;
}

/**
 * Ask the site for `path` and represent what it returns; an unknown path gets the site's 404
 * page. A render that throws becomes a plain 500 (no detail to the client) with the error
 * returned for the caller to log.
 */
export async function serveSite(site: SiteHandler, path: string, request: RequestConditions, context: RepresentContext, query = ''): Promise<SiteReply> {
  try {
    const rendered = await site.render(path, query);
    if (rendered !== undefined) {
      return { response: await represent(rendered, request, context), route: siteRouteLabel(path, rendered.contentType) };
    }
    const page = await site.notFound(path);
    return { response: await represent({ ...page, status: 404 }, request, context), route: 'not_found' };
  } catch (error) {
    return { response: plainResponse(500, 'Internal Server Error'), route: siteRouteLabel(path, ''), error };
  }
}

/** A short text/plain response that is never cached (errors, refusals). */
export function plainResponse(status: number, message: string, extra: Record<string, string> = {}): PlainResponse {
  return {
    status,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': NO_STORE,
      'x-content-type-options': 'nosniff',
      ...extra,
    },
    body: Buffer.from(`${message}\n`),
  };
}
