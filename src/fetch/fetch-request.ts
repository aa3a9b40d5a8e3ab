import type { ConnectionPool } from './connection-pool.js';
import type { ProxySettings } from './proxy.js';

/** One fetch of one feed URL: what to ask for and the limits to keep. */
export interface FetchRequest {
  url: string;
  /** The validator from the previous fetch, sent as If-None-Match. */
  etag?: string;
  /** The Last-Modified of the previous fetch, sent as If-Modified-Since. */
  lastModified?: string;
  userAgent: string;
  /** Overall deadline for the whole fetch: DNS, connect, TLS, every redirect and the whole body. */
  timeoutMs: number;
  /** Cap on the body after content-decoding (and on the bytes on the wire). */
  maxBytes: number;
  /** Redirects followed before TOO_MANY_REDIRECTS; default 5. */
  maxRedirects?: number;
  /** Allow private, loopback, link-local, unique-local, shared and reserved addresses. */
  allowPrivateNetworks: boolean;
  /** HTTP Basic credentials, sent only to `url`'s own origin (never after a redirect elsewhere). */
  auth?: { username: string; password: string };
  /** Proxies to fetch through (see `proxySettings`); none when absent. The address guard still checks the target. */
  proxy?: ProxySettings;
  /** Cancels the fetch (combined with the deadline). */
  signal?: AbortSignal;
}

/** One address a hostname resolved to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a hostname to every address it has (like `dns.lookup` with `all: true`). */
export type LookupFunction = (hostname: string) => Promise<ResolvedAddress[]>;

/** A connection about to be opened: the checked address and the host it stands for. */
export interface ConnectTarget {
  hostname: string;
  address: string;
  port: number;
}

/** Injection points for tests and advanced callers. */
export interface FetchOptions {
  /** DNS resolution; default: node:dns `lookup` with `all: true`. */
  lookup?: LookupFunction;
  /** Replaces the default guard decision (public only, or all unicast with allowPrivateNetworks). */
  isAddressAllowed?: (address: string) => boolean;
  /**
   * Called just before a socket is opened to a checked address. A spy for tests; if it throws,
   * no connection is made and the fetch fails.
   */
  onConnect?: (target: ConnectTarget) => void;
  /** PEM certificates trusted for HTTPS instead of Node's bundled roots (private PKI, tests). */
  ca?: string | Buffer | (string | Buffer)[];
  /**
   * Reuse kept-alive connections from this pool (which then decides lookup, guard hooks and CA: the options above
   * are ignored) instead of opening fresh ones that are closed when the fetch ends.
   */
  pool?: ConnectionPool;
}
