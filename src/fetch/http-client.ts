import { Agent, buildConnector, ProxyAgent } from 'undici';
import type { Dispatcher } from 'undici';
import type { Readable } from 'node:stream';
import type { Socket } from 'node:net';
import type { ConnectTarget, FetchOptions, ResolvedAddress } from './fetch-request.js';
import { proxyFor } from './proxy.js';
import type { ProxySettings } from './proxy.js';

// The only file that imports undici: everything else sees HttpClient and HttpResponse.

/** A response whose headers have arrived; the body is still streaming. */
export interface HttpResponse {
  status: number;
  statusText: string;
  /** Names lower-cased; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Readable;
}

/** What one fetch's client needs to know. */
export interface HttpClientSettings {
  /** Resolve and check a host; the client connects only to the addresses this returns. */
  resolve: (hostname: string) => Promise<ResolvedAddress[]>;
  timeoutMs: number;
  ca?: FetchOptions['ca'];
  onConnect?: (target: ConnectTarget) => void;
  /**
   * Connections outlive one fetch (a pool): a GET whose kept-alive connection the server closed just as it was
   * reused is sent again (up to MAX_SENDS times in all), on another connection.
   */
  reuseConnections?: boolean;
  /** Proxies to go through (HTTP_PROXY/HTTPS_PROXY/NO_PROXY or fetch.proxy); none when absent. */
  proxy?: ProxySettings;
}

/** GET (and form POST) requests over connections opened only to checked addresses. */
export interface HttpClient {
  get(url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<HttpResponse>;
  post(url: URL, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<HttpResponse>;
  /** Destroy every connection. */
  close(): Promise<void>;
}

/** A client (one undici Agent) for the hops of one fetch. */
export function createHttpClient(settings: HttpClientSettings): HttpClient {
  const base = buildConnector({ timeout: settings.timeoutMs, ...(settings.ca ? { ca: settings.ca } : {}) });
  const agent = new Agent({
    connect: guardedConnector(base, settings),
    headersTimeout: settings.timeoutMs,
    bodyTimeout: settings.timeoutMs,
    // Give idle connections up well before servers commonly do (Node's default is 5 s), so that few are reused
    // just as the server closes them.
    keepAliveTimeout: 2_000,
    keepAliveMaxTimeout: 10_000,
  });
  const proxies = new Map<string, ProxyAgent>();
  // One agent per proxy and TLS name: undici takes the tunnelled TLS name from `requestTls`, fixed per agent.
  const proxyAgent = (proxyUrl: string, target: URL): ProxyAgent => {
    const servername = target.protocol === 'https:' ? target.hostname : '';
    const key = `${proxyUrl} ${servername}`;
    let proxied = proxies.get(key);
    if (proxied === undefined) {
      // Plain http goes as an absolute-form request (no CONNECT, which proxies often allow to port 443 only).
      proxied = new ProxyAgent({
        uri: proxyUrl, proxyTunnel: false, headersTimeout: settings.timeoutMs, bodyTimeout: settings.timeoutMs,
        connect: { timeout: settings.timeoutMs },
        ...(servername ? { requestTls: { servername, ...(settings.ca ? { ca: settings.ca } : {}) } } : {}),
      });
      proxies.set(key, proxied);
    }
    return proxied;
  };
  const send = async (method: 'GET' | 'POST', url: URL, headers: Record<string, string>, signal: AbortSignal, body?: string): Promise<HttpResponse> => {
    const proxyUrl = settings.proxy ? proxyFor(url, settings.proxy) : undefined;
    const { dispatcher, origin, sent } = proxyUrl === undefined
      ? { dispatcher: agent as Dispatcher, origin: url.origin, sent: headers }
      : await throughProxy(proxyAgent(proxyUrl, url), url, headers, settings);
    const response = await dispatcher.request({
      origin,
      path: url.pathname + url.search,
      method,
      headers: sent,
      signal,
      ...(body !== undefined ? { body } : {}),
    });
    return {
      status: response.statusCode,
      statusText: response.statusText,
      headers: flattenHeaders(response.headers),
      body: response.body,
    };
  };
  const get = async (url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<HttpResponse> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await send('GET', url, headers, signal);
      } catch (error) {
        if (!settings.reuseConnections || attempt >= MAX_SENDS || signal.aborted || !closedBeforeAnswer(error)) throw error;
        // Let the closes already received be processed, so that the pool drops the other stale connections.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  };
  return {
    get,
    post: (url, headers, body, signal) => send('POST', url, headers, signal, body),
    close: async () => {
      await Promise.all([agent.destroy(), ...[...proxies.values()].map((proxied) => proxied.destroy())]);
    },
  };
}

/**
 * A request through a proxy, with the address guard kept on the target: the target's host is resolved and
 * checked here, and the proxy is asked for the checked address (Host header and TLS name stay the host's),
 * so the proxy does no DNS of its own that could lead elsewhere. The proxy's own address is not checked:
 * the operator configured it.
 */
async function throughProxy(
  proxied: ProxyAgent,
  url: URL,
  headers: Record<string, string>,
  settings: HttpClientSettings,
): Promise<{ dispatcher: Dispatcher; origin: string; sent: Record<string, string> }> {
  const [first] = await settings.resolve(url.hostname);
  if (first === undefined) throw new Error(`no address to connect to for ${url.hostname}`);
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  settings.onConnect?.({ hostname: url.hostname, address: first.address, port });
  const host = first.family === 6 ? `[${first.address}]` : first.address;
  return { dispatcher: proxied, origin: `${url.protocol}//${host}:${port}`, sent: { ...headers, host: url.host } };
}

/**
 * Resolve the host ourselves, check every address, then connect to a checked address: there is no
 * second DNS lookup the answer could change in (rebinding). `host` stays the name, so TLS SNI,
 * certificate checks and the Host header still use it.
 */
function guardedConnector(base: buildConnector.connector, settings: HttpClientSettings): buildConnector.connector {
  return (options, callback) => {
    settings
      .resolve(options.hostname)
      .then((addresses) => connectToFirst(base, options, addresses, settings.onConnect))
      .then(
        (socket) => callback(null, socket),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
      );
  };
}

// Worth trying the host's next address: this one did not answer (e.g. IPv6 without a route).
const NEXT_ADDRESS_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ETIMEDOUT']);

async function connectToFirst(
  base: buildConnector.connector,
  options: buildConnector.Options,
  addresses: ResolvedAddress[],
  onConnect: HttpClientSettings['onConnect'],
): Promise<Socket> {
  let lastError: unknown = new Error(`no address to connect to for ${options.hostname}`);
  for (const { address } of addresses) {
    const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
    onConnect?.({ hostname: options.hostname, address, port });
    try {
      return await new Promise<Socket>((resolve, reject) => {
        base({ ...options, hostname: address }, (...result) => {
          const [error, socket] = result;
          if (error) reject(error);
          else resolve(socket);
        });
      });
    } catch (error) {
      lastError = error;
      const code = (error as { code?: unknown }).code;
      if (typeof code !== 'string' || !NEXT_ADDRESS_CODES.has(code)) throw error;
    }
  }
  throw lastError;
}

// A GET on reused connections is sent at most this often: after a stalled event loop, several may be stale at once.
const MAX_SENDS = 3;

/** The connection was closed by the other side before any response: the race a reused keep-alive connection can lose. */
function closedBeforeAnswer(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET';
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
