/**
 * Taking the database away from a running `feedloom serve` and giving it back: PostgreSQL through a loopback TCP
 * proxy that the test cuts, SQLite by overwriting the database file in place under the open handles.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { connect, createServer as createNetServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { createDatabase, parseDatabaseUrl } from '../../src/store/index.js';

/** How the database is taken away and given back. */
export interface Outage {
  /** The DATABASE_URL `serve` is started with. */
  url: string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** A TCP proxy on 127.0.0.1 in front of PostgreSQL; cut, it resets every connection, open or new. */
export async function postgresOutage(url: string): Promise<Outage> {
  const target = new URL(url);
  const sockets = new Set<Socket>();
  let cut = false;
  const server: Server = createNetServer((client) => {
    if (cut) return void client.resetAndDestroy();
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const proxied = new URL(url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(port);
  return {
    url: proxied.toString(),
    async cut() {
      cut = true;
      for (const socket of sockets) socket.resetAndDestroy();
    },
    async restore() {
      cut = false;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * SQLite: tests run as root, so permissions do not stop reads. The file is overwritten with zeros in place
 * (the open handle sees it: "file is not a database"), then its bytes are written back.
 */
export async function sqliteOutage(url: string): Promise<Outage> {
  const file = (parseDatabaseUrl(url) as { path: string }).path;
  let saved: Buffer | undefined;
  const overwrite = (bytes: Buffer): void => {
    const fd = openSync(file, 'r+');
    try {
      writeSync(fd, bytes, 0, bytes.length, 0);
    } finally {
      closeSync(fd);
    }
  };
  return {
    url,
    async cut() {
      // Everything into the main file first, so that its bytes are the whole database.
      const handle = await createDatabase(url);
      try {
        const { rows } = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(handle.db);
        expect(rows[0]?.busy).toBe(0);
      } finally {
        await handle.close();
      }
      saved = readFileSync(file);
      overwrite(Buffer.alloc(saved.length));
    },
    async restore() {
      if (saved !== undefined) overwrite(saved);
    },
    close: async () => undefined,
  };
}
