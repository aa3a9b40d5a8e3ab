import { defaultLookup, resolveAllowed } from './address-guard.js';
import type { FetchOptions, FetchRequest } from './fetch-request.js';
import { createHttpClient } from './http-client.js';
import type { HttpClient } from './http-client.js';

/**
 * Connections kept alive across the fetches of one pass, so that sources on one host share a connection (and
 * its TLS handshake) instead of each opening its own. Connections are pooled per address policy and timeout:
 * one opened for a source allowed onto private networks is never reused by a source that is not, nor one
 * through a proxy for a direct fetch.
 */
export interface ConnectionPool {
  /** The lookup, guard hooks and CA its connections are opened with. */
  readonly options: Omit<FetchOptions, 'pool'>;
  /** The client for this request's policy; its connections outlive the fetch (do not close it). */
  clientFor(request: FetchRequest): HttpClient;
  /** Close every pooled connection. */
  close(): Promise<void>;
}

/** A pool whose connections are checked by the address guard (with `options`' hooks) when they are opened. */
export function createConnectionPool(options: Omit<FetchOptions, 'pool'> = {}): ConnectionPool {
  const clients = new Map<string, HttpClient>();
  const lookup = options.lookup ?? defaultLookup;
  return {
    options,
    clientFor(request) {
      const key = `${request.allowPrivateNetworks ? 'private' : 'public'} ${request.timeoutMs} ${JSON.stringify(request.proxy ?? {})}`;
      let client = clients.get(key);
      if (client === undefined) {
        const policy = { allowPrivateNetworks: request.allowPrivateNetworks, isAddressAllowed: options.isAddressAllowed };
        client = createHttpClient({
          // Each connection's resolution gets the fetch timeout; the fetch's own deadline still bounds the fetch.
          resolve: (hostname) => resolveAllowed(hostname, { lookup, policy, signal: AbortSignal.timeout(request.timeoutMs) }),
          timeoutMs: request.timeoutMs,
          ca: options.ca,
          onConnect: options.onConnect,
          reuseConnections: true,
          ...(request.proxy ? { proxy: request.proxy } : {}),
        });
        clients.set(key, client);
      }
      return client;
    },
    async close() {
      const open = [...clients.values()];
      clients.clear();
      await Promise.all(open.map((client) => client.close()));
    },
  };
}

/** Run `use` with a fresh pool, closed when it settles. */
export async function withConnectionPool<T>(use: (pool: ConnectionPool) => Promise<T>, options: Omit<FetchOptions, 'pool'> = {}): Promise<T> {
  const pool = createConnectionPool(options);
  try {
    return await use(pool);
  } finally {
    await pool.close().catch(() => undefined);
  }
}
