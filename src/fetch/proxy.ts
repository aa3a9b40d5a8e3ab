/**
 * Which proxy a request goes through: the config's `fetch.proxy`, else HTTP_PROXY / HTTPS_PROXY from the
 * environment (lower-case names first, as curl and undici read them), minus the hosts NO_PROXY names.
 */
export interface ProxySettings {
  /** Proxy for http: URLs. */
  http?: string;
  /** Proxy for https: URLs. */
  https?: string;
  /** NO_PROXY: comma- or space-separated hosts (`example.org`, `.example.org`, `*.example.org`, `host:port`, `*`). */
  noProxy?: string;
}

/** The proxy settings from the config's `fetch.proxy` (both schemes) and the environment. */
export function proxySettings(configured: string | null | undefined, env: Record<string, string | undefined>): ProxySettings {
  const pick = (...names: string[]): string | undefined => names.map((name) => env[name]?.trim()).find((value) => value);
  const http = configured ?? pick('http_proxy', 'HTTP_PROXY');
  const https = configured ?? pick('https_proxy', 'HTTPS_PROXY') ?? http;
  const noProxy = pick('no_proxy', 'NO_PROXY');
  return { ...(http ? { http } : {}), ...(https ? { https } : {}), ...(noProxy ? { noProxy } : {}) };
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** True when one NO_PROXY entry covers this host (and port, when it gives one). */
function excludes(entry: string, hostname: string, port: number): boolean {
  if (entry === '*') return true;
  const match = /^(.*?)(?::(\d+))?$/.exec(entry.startsWith('[') ? entry.replace(/^\[([^\]]+)\]/, '$1') : entry);
  const host = (match?.[1] ?? '').replace(/^\*?\./, '.').toLowerCase();
  if (match?.[2] !== undefined && Number(match[2]) !== port) return false;
  if (host === '') return false;
  // As curl reads it: "example.org", ".example.org" and "*.example.org" all cover the domain and its subdomains.
  const domain = host.startsWith('.') ? host.slice(1) : host;
  return hostname === domain || hostname.endsWith(`.${domain}`);
}

/** The proxy URL `url` is fetched through, or undefined to connect directly. */
export function proxyFor(url: URL, settings: ProxySettings): string | undefined {
  const proxy = url.protocol === 'https:' ? settings.https : settings.http;
  if (!proxy) return undefined;
  const hostname = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = Number(url.port) || DEFAULT_PORTS[url.protocol] || 0;
  const entries = (settings.noProxy ?? '').split(/[\s,]+/).filter((entry) => entry !== '');
  return entries.some((entry) => excludes(entry.toLowerCase(), hostname, port)) ? undefined : proxy;
}
