import { stringOption } from '../args.js';
import type { Command } from '../command.js';
import { configFile } from '../context.js';
import { startHttp } from '../http.js';
import { lastGoodDir } from '../last-good-dir.js';
import { listenAddress } from '../lifecycle.js';
import { startWorker } from '../roles/worker.js';
import { runService } from '../service.js';

/** `feedloom run`: the scheduler and the HTTP server in one process (what `npm start` runs). */
export const runCommand: Command = {
  name: 'run',
  summary: 'Scheduler + HTTP server in one process (what `npm start` runs)',
  usage: '[--host HOST] [--port PORT]',
  description: `Ingests due sources on every schedule.tick (the first pass starts at once) and serves the
headlines site and the curated feeds. Sources are claimed with leases, so a cron \`ingest\` or a \`worker\`
next to it never fetches a source twice at once. Unreachable sources are recorded and shown on /sources;
the server keeps running. The config is reloaded when the file changes or on SIGHUP. SIGTERM/SIGINT: stop
claiming, finish the sources in flight, release leases, close the server and the database.`,
  logs: true,
  options: {
    host: { type: 'string', valueName: 'HOST', help: 'interface to listen on (default $HOST or 127.0.0.1)' },
    port: { type: 'string', valueName: 'PORT', help: 'port to listen on (default $PORT or 8080)' },
  },
  async run(args, io) {
    const address = listenAddress({ host: stringOption(args, 'host'), port: stringOption(args, 'port') }, io.env);
    return runService(io, 'run', async ({ config, logger, handle, onStop }) => {
      const worker = await startWorker({ db: handle.db, file: configFile(io), config, logger, role: 'run', env: io.env });
      onStop(() => worker.stop());
      const { server, url } = await startHttp(() => worker.config(), handle, logger, { ...address, lastGoodDir: lastGoodDir(io) });
      // Registered last, stopped first: no new requests while the worker finishes its sources.
      onStop(() => server.close());
      logger.info(`serving ${config.site.title} on ${url}`, { database: handle.location });
    });
  },
};
