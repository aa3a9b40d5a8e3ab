import type { PlainResponse } from './represent.js';
import { NO_STORE } from './response-headers.js';
import type { RouteLabel } from './route-label.js';

/** The answer to one site request: the response, its metrics label, and the error when rendering failed. */
export interface SiteReply {
  response: PlainResponse;
  route: RouteLabel;
  error?: unknown;
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
