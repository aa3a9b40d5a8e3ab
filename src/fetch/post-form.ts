import { STATUS_CODES } from 'node:http';
import { FetchError } from '../model/errors.js';
import { checkLiteralHost, defaultLookup, resolveAllowed } from './address-guard.js';
import type { AddressPolicy } from './address-guard.js';
import { startDeadline, untilAborted } from './deadline.js';
import { toFetchError } from './fetch-errors.js';
import type { FetchOptions } from './fetch-request.js';
import { createHttpClient } from './http-client.js';
import { discardBody } from './read-body.js';
import { displayUrl, parseTargetUrl } from './target-url.js';

/** One form POST (a WebSub ping): same guard, deadline and error codes as a feed fetch; redirects are not followed. */
export interface PostFormRequest {
  url: string;
  form: Record<string, string>;
  userAgent: string;
  timeoutMs: number;
  allowPrivateNetworks: boolean;
  signal?: AbortSignal;
}

/** POST `form` as application/x-www-form-urlencoded; resolves with the 2xx status, throws FetchError otherwise. */
export async function postForm(request: PostFormRequest, options: FetchOptions = {}): Promise<{ status: number }> {
  const url = parseTargetUrl(request.url);
  const deadline = startDeadline(request.timeoutMs, request.signal);
  const policy: AddressPolicy = { allowPrivateNetworks: request.allowPrivateNetworks, isAddressAllowed: options.isAddressAllowed };
  const lookup = options.lookup ?? defaultLookup;
  const client = createHttpClient({
    resolve: (hostname) => resolveAllowed(hostname, { lookup, policy, signal: deadline.signal }),
    timeoutMs: request.timeoutMs,
    ca: options.ca,
    onConnect: options.onConnect,
  });
  const where = displayUrl(url);
  try {
    checkLiteralHost(url.hostname, policy);
    const body = new URLSearchParams(request.form).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': request.userAgent };
    const response = await untilAborted(client.post(url, headers, body, deadline.signal), deadline.signal);
    discardBody(response.body);
    if (response.status < 200 || response.status > 299) {
      const text = response.statusText || STATUS_CODES[response.status] || '';
      throw new FetchError('HTTP_STATUS', `HTTP ${response.status}${text ? ` ${text}` : ''} from POST ${where}`, { url: where, status: response.status });
    }
    return { status: response.status };
  } catch (error) {
    throw toFetchError(error, { where: `POST ${where}`, url: where, timeoutMs: request.timeoutMs, deadline, callerSignal: request.signal });
  } finally {
    await client.close().catch(() => undefined);
  }
}
