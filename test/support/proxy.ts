/**
 * A forward HTTP proxy for tests, on 127.0.0.1 (random port): absolute-form requests (`GET http://host/path`)
 * are forwarded, CONNECT opens a tunnel. It forwards only to loopback addresses, so a test can never send
 * traffic elsewhere through it, and it records every request it was asked to carry.
 *
 *   const proxy = await startProxy();
 *   await fetchFeed({ ..., proxy: { http: proxy.url } });
 *   expect(proxy.requests[0]).toMatchObject({ method: 'GET', target: 'http://127.0.0.1:4321/feed.xml' });
 */
import { createServer, request as httpRequest } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { connect } from 'node:net';

/** One request the proxy was asked to carry. */
export interface ProxiedRequest {
  method: string;
  /** The absolute URL, or `host:port` for CONNECT. */
  target: string;
  /** The Host header the client sent. */
  host: string | undefined;
  /** The Proxy-Authorization header, if any. */
  proxyAuthorization: string | undefined;
}

/** A running proxy. */
export interface TestProxy {
  url: string;
  port: number;
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

const isLoopback = (host: string): boolean => /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1' || host === 'localhost';

/** Start a forward proxy on 127.0.0.1. */
export async function startProxy(): Promise<TestProxy> {
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const target = req.url ?? '';
    requests.push({ method: req.method ?? '', target, host: req.headers.host, proxyAuthorization: req.headers['proxy-authorization'] });
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      res.writeHead(400).end('absolute URL required');
      return;
    }
    if (!isLoopback(url.hostname.replace(/^\[|\]$/g, ''))) {
      res.writeHead(403).end('test proxy forwards to loopback only');
      return;
    }
    const { 'proxy-connection': _pc, 'proxy-authorization': _pa, ...headers } = req.headers;
    const upstream = httpRequest({ host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port || 80, path: url.pathname + url.search, method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end('bad gateway'));
    req.pipe(upstream);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    requests.push({ method: 'CONNECT', target, host: req.headers.host, proxyAuthorization: req.headers['proxy-authorization'] });
    const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(target);
    if (!match?.[1] || !isLoopback(match[1])) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(Number(match[2]), match[1], () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
