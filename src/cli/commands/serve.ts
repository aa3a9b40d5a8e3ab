import { stringOption } from '../args.js';
import type { Command } from '../command.js';
import { startHttp } from '../http.js';
import { lastGoodDir } from '../last-good-dir.js';
import { listenAddress } from '../lifecycle.js';
import { disconnectFromPrimary, isServeWorker, reportListening, runServeCluster, workerCount } from '../serve-cluster.js';
import { runService } from '../service.js';

/** `feedloom serve`: the HTTP read role only, in one process or N sharing the port. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'HTTP only: serve the curated feeds and the headlines site (the read role; N processes share the port)',
  usage: '[--host HOST] [--port PORT] [--workers N]',
  description: `A stateless reader: run as many as you like behind a load balancer, next to \`feedloom worker\`s
that ingest into the same database. --workers N forks N processes (node:cluster) that share the port;
by default one per core available. The last good copy of every page and feed is kept in memory and on disk
(beside a SQLite database, or under the user's cache directory for PostgreSQL; $FEEDLOOM_LAST_GOOD_DIR
overrides, \`off\` keeps them in memory only): while the database cannot be read, every worker answers what
any of them rendered before, also after a restart (stale-if-error). Started while the database is away, serve
answers those copies (when there are any; else it fails) and opens the database in the background.
Stops gracefully on SIGTERM/SIGINT.`,
  logs: true,
  options: {
    host: { type: 'string', valueName: 'HOST', help: 'interface to listen on (default $HOST or 127.0.0.1)' },
    port: { type: 'string', valueName: 'PORT', help: 'port to listen on (default $PORT or 8080)' },
    workers: { type: 'string', valueName: 'N', help: 'processes sharing the port (default: the cores available; 1: no cluster)' },
  },
  async run(args, io) {
    const address = listenAddress({ host: stringOption(args, 'host'), port: stringOption(args, 'port') }, io.env);
    const workers = workerCount(stringOption(args, 'workers'));
    if (workers > 1 && !isServeWorker()) return runServeCluster(io, workers);
    // Started while the database is away, serve answers these copies (if any) and opens it in the background.
    const lastGood = lastGoodDir(io);
    try {
      return await runService(io, 'serve', async ({ config, logger, handle, onStop }) => {
        const { server, url } = await startHttp(config, handle, logger, { ...address, lastGoodDir: lastGood });
        onStop(() => server.close());
        logger.info(`serving ${config.site.title} on ${url}`, { database: handle.location });
        reportListening(url);
      }, { lastGood });
    } finally {
      // A worker's channel to its primary would keep it alive once it has stopped (or failed to start).
      disconnectFromPrimary();
    }
  },
};
