import type { Config } from '../config/index.js';
import type { Logger } from '../log/index.js';
import { UsageError } from '../model/index.js';
import { PAGE_CSP } from '../publish/index.js';
import { createServer } from '../server/index.js';
import type { FeedloomServer } from '../server/index.js';
import { createSite } from '../site/index.js';
import type { DatabaseHandle } from '../store/index.js';

/**
 * Start the HTTP server for the site on `host:port`; resolves once it listens. `lastGoodDir`: where the last
 * good copies are kept on disk too (see `lastGoodDir`), shared by every process serving this database.
 */
export async function startHttp(
  config: Config | (() => Config),
  handle: DatabaseHandle,
  logger: Logger,
  address: { host: string; port: number; lastGoodDir?: string | undefined },
): Promise<{ server: FeedloomServer; url: string }> {
  const site = createSite({ db: handle.db, config });
  const server = await createServer({
    site, db: handle.db, logger, csp: PAGE_CSP, host: address.host, port: address.port,
    ...(address.lastGoodDir === undefined ? {} : { lastGood: { dir: address.lastGoodDir } }),
  });
  try {
    const { url } = await server.listen();
    return { server, url };
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    const why = code === 'EADDRINUSE' ? 'the address is already in use' : code === 'EACCES' ? 'permission denied' : code === 'EADDRNOTAVAIL' ? 'no such local address' : error instanceof Error ? error.message : String(error);
    throw new UsageError(`cannot listen on ${address.host}:${address.port}: ${why} (choose another with --host/--port or HOST/PORT)`);
  }
}
