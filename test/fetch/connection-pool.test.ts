import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createConnectionPool, fetchFeed } from '../../src/fetch/index.js';
import type { FetchRequest } from '../../src/fetch/index.js';
import { FetchError } from '../../src/model/index.js';

const RSS = '<rss version="2.0"><channel><title>t</title></channel></rss>';

let server: Server;
let base: string;
const sockets: Socket[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': Buffer.byteLength(RSS) });
    res.end(RSS);
  });
  server.on('connection', (socket: Socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const request = (path: string, allowPrivateNetworks = true): FetchRequest => ({
  url: `${base}${path}`, userAgent: 'test', timeoutMs: 5_000, maxBytes: 1 << 20, allowPrivateNetworks,
});

it('reuses one kept-alive connection for fetches of one host, and closes it with the pool', async () => {
  sockets.length = 0;
  const pool = createConnectionPool();
  for (const path of ['/a', '/b', '/c']) {
    expect((await fetchFeed(request(path), { pool })).status).toBe(200);
    // undici hands the connection back to its pool a turn after the body ends (a pass parses and stores in between).
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(sockets).toHaveLength(1);
  expect(sockets[0]?.destroyed).toBe(false);
  await pool.close();
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(sockets[0]?.destroyed).toBe(true);
});

it('without a pool, opens and closes a connection per fetch', async () => {
  sockets.length = 0;
  for (const path of ['/a', '/b']) await fetchFeed(request(path));
  expect(sockets).toHaveLength(2);
});

it('never lends a connection opened for a source allowed onto private networks to one that is not', async () => {
  const pool = createConnectionPool();
  try {
    expect((await fetchFeed(request('/a', true), { pool })).status).toBe(200);
    const refused = await fetchFeed(request('/b', false), { pool }).then(() => undefined, (error: unknown) => error);
    expect(refused).toBeInstanceOf(FetchError);
    expect((refused as FetchError).code).toBe('BLOCKED_ADDRESS');
  } finally {
    await pool.close();
  }
});

it('sends a GET again, on a new connection, when the server closes a reused connection instead of answering', async () => {
  // The race every keep-alive client meets: the server gives up an idle connection just as it is reused.
  const served = new WeakSet<Socket>();
  let connections = 0;
  const flaky = createServer((req, res) => {
    if (served.has(req.socket)) {
      req.socket.destroy();
      return;
    }
    served.add(req.socket);
    res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': Buffer.byteLength(RSS) });
    res.end(RSS);
  });
  flaky.on('connection', () => connections++);
  await new Promise<void>((resolve) => flaky.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(flaky.address() as AddressInfo).port}`;
  const pool = createConnectionPool();
  try {
    const at = (p: string): FetchRequest => ({ ...request(p), url: `${url}${p}` });
    expect((await fetchFeed(at('/a'), { pool })).status).toBe(200);
    await new Promise((resolve) => setImmediate(resolve));
    expect((await fetchFeed(at('/b'), { pool })).status).toBe(200);
    expect(connections).toBe(2);
  } finally {
    await pool.close();
    flaky.closeAllConnections();
    await new Promise((resolve) => flaky.close(resolve));
  }
});
