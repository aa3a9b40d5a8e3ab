import { STATUS_CODES } from 'node:http';
import { FetchError } from '../model/errors.js';
import type { FetchResult, RedirectHop } from '../model/fetch-result.js';
import { checkLiteralHost, defaultLookup, resolveAllowed } from './address-guard.js';
import type { AddressPolicy } from './address-guard.js';
import { startDeadline, untilAborted } from './deadline.js';
import { toFetchError } from './fetch-errors.js';
import type { FetchOptions, FetchRequest } from './fetch-request.js';
import { createHttpClient } from './http-client.js';
import type { HttpClient, HttpResponse } from './http-client.js';
import { discardBody, readBody } from './read-body.js';
import { requestHeaders } from './request-headers.js';
import { retryAfterSeconds } from './retry-after.js';
import { displayUrl, parseTargetUrl } from './target-url.js';

const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const PERMANENT_REDIRECTS = new Set([301, 308]);

/** The state of one fetch as it moves through its hops. */
interface Fetch {
  request: FetchRequest;
  start: URL;
  url: URL;
  redirects: RedirectHop[];
  policy: AddressPolicy;
  client: HttpClient;
  signal: AbortSignal;
  startedAt: number;
}

/**
 * Fetch one feed URL: conditional GET, redirects followed and re-checked by hand, every connection
 * guarded, the body decoded by us under a size cap, all within one overall deadline.
 * Throws FetchError with a stable code.
 */
export async function fetchFeed(request: FetchRequest, options: FetchOptions = {}): Promise<FetchResult> {
  const startedAt = performance.now();
  const start = parseTargetUrl(request.url);
  const deadline = startDeadline(request.timeoutMs, request.signal);
  const signal = deadline.signal;
  const policy: AddressPolicy = {
    allowPrivateNetworks: request.allowPrivateNetworks,
    isAddressAllowed: (options.pool?.options ?? options).isAddressAllowed,
  };
  const lookup = options.lookup ?? defaultLookup;
  const client = options.pool?.clientFor(request) ?? createHttpClient({
    resolve: (hostname) => resolveAllowed(hostname, { lookup, policy, signal }),
    timeoutMs: request.timeoutMs,
    ca: options.ca,
    onConnect: options.onConnect,
    ...(request.proxy ? { proxy: request.proxy } : {}),
  });
  const state: Fetch = { request, start, url: start, redirects: [], policy, client, signal, startedAt };
  try {
    return await untilAborted(followHops(state), signal);
  } catch (error) {
    throw toFetchError(error, {
      where: describeWhere(state),
      url: displayUrl(state.url),
      timeoutMs: request.timeoutMs,
      deadline,
      callerSignal: request.signal,
    });
  } finally {
    if (!options.pool) await client.close().catch(() => undefined);
  }
}

async function followHops(state: Fetch): Promise<FetchResult> {
  for (;;) {
    checkLiteralHost(state.url.hostname, state.policy);
    const headers = requestHeaders(state.request, state.url, state.start);
    const response = await state.client.get(state.url, headers, state.signal);
    if (REDIRECTS.has(response.status)) {
      discardBody(response.body);
      state.url = nextHop(state, response);
      continue;
    }
    if (response.status === 304) {
      discardBody(response.body);
      return result(state, response, { body: Buffer.alloc(0), wireBytes: 0 });
    }
    if (response.status < 200 || response.status > 299) {
      discardBody(response.body);
      throw statusError(state, response);
    }
    const where = describeWhere(state);
    const declared = Number(response.headers['content-length']);
    if (declared > state.request.maxBytes) {
      discardBody(response.body);
      const message = `Content-Length ${declared} exceeds ${state.request.maxBytes} bytes from ${where}`;
      throw new FetchError('TOO_LARGE', message, { url: displayUrl(state.url) });
    }
    const body = await readBody(response.body, {
      contentEncoding: response.headers['content-encoding'],
      maxBytes: state.request.maxBytes,
      url: displayUrl(state.url),
      where,
    });
    return result(state, response, body);
  }
}

/** Validate a redirect and record it; the guard re-checks the new host when the loop connects. */
function nextHop(state: Fetch, response: HttpResponse): URL {
  const where = describeWhere(state);
  const location = response.headers.location;
  if (!location) throw statusError(state, response, 'redirect without a Location');
  const next = parseTargetUrl(location, state.url);
  const limit = state.request.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const url = displayUrl(state.url);
  if (next.href === state.start.href || state.redirects.some((hop) => hop.to === next.href)) {
    throw new FetchError('TOO_MANY_REDIRECTS', `redirect loop back to ${displayUrl(next)} from ${where}`, { url });
  }
  if (state.redirects.length >= limit) {
    throw new FetchError('TOO_MANY_REDIRECTS', `more than ${limit} redirects fetching ${where}`, { url });
  }
  state.redirects.push({ from: state.url.href, to: next.href, status: response.status });
  return next;
}

function statusError(state: Fetch, response: HttpResponse, detail?: string): FetchError {
  const text = response.statusText || STATUS_CODES[response.status] || '';
  const status = `HTTP ${response.status}${text ? ` ${text}` : ''}${detail ? ` (${detail})` : ''}`;
  const retryAfter = retryAfterSeconds(response.headers['retry-after']);
  if (isBotChallenge(response)) {
    // The publisher's bot wall (Cloudflare's challenge page) refused us, not the URL: the operator should know.
    return new FetchError('BLOCKED_BY_CHALLENGE', `${status}: a bot challenge (cf-mitigated: challenge) from ${describeWhere(state)}; `
      + 'the publisher\'s firewall blocks feed readers, ask them to allow this feed', { url: displayUrl(state.url), status: response.status });
  }
  return new FetchError('HTTP_STATUS', `${status} from ${describeWhere(state)}`, {
    url: displayUrl(state.url),
    status: response.status,
    ...(retryAfter !== undefined ? { retryAfter } : {}),
  });
}

/** A challenge page of a bot wall: Cloudflare marks it `cf-mitigated: challenge` (on a 403, or a 503). */
function isBotChallenge(response: HttpResponse): boolean {
  return (response.status === 403 || response.status === 503) && response.headers['cf-mitigated']?.trim().toLowerCase() === 'challenge';
}

/**
 * True when the response says not to keep it (`Cache-Control: no-store`) or that it has already expired
 * (`Expires: 0`, or -1): its validators are then not to be kept and sent back either.
 */
function forbidsValidators(headers: Record<string, string>): boolean {
  const cacheControl = (headers['cache-control'] ?? '').toLowerCase().split(',').map((d) => d.trim().split('=')[0]);
  if (cacheControl.includes('no-store')) return true;
  const expires = headers.expires?.trim();
  return expires === '0' || expires === '-1';
}

function result(state: Fetch, response: HttpResponse, body: { body: Buffer; wireBytes: number }): FetchResult {
  const { headers } = response;
  const notModified = response.status === 304;
  const validators = notModified || !forbidsValidators(headers);
  const permanent = state.redirects.length > 0 && state.redirects.every((hop) => PERMANENT_REDIRECTS.has(hop.status));
  return {
    url: state.request.url,
    finalUrl: state.url.href,
    status: response.status,
    notModified,
    headers,
    contentType: headers['content-type'],
    // A 304 need not repeat the validators; then the ones we sent still hold.
    etag: validators ? (headers.etag ?? (notModified ? state.request.etag : undefined)) : undefined,
    lastModified: validators ? (headers['last-modified'] ?? (notModified ? state.request.lastModified : undefined)) : undefined,
    body: body.body,
    wireBytes: body.wireBytes,
    durationMs: Math.round(performance.now() - state.startedAt),
    redirects: state.redirects,
    permanentRedirect: permanent ? state.url.href : undefined,
  };
}

function describeWhere(state: Fetch): string {
  const here = displayUrl(state.url);
  return state.url === state.start ? here : `${here} (redirected from ${displayUrl(state.start)})`;
}
