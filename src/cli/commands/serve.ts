import { stringOption } from '../args.js';
import type { Command } from '../command.js';
import { startHttp } from '../http.js';
import { listenAddress } from '../lifecycle.js';
import { runService } from '../service.js';

/** `feedloom serve`: the HTTP read role only. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'HTTP only: serve the curated feeds and the headlines site (the read role)',
  usage: '[--host HOST] [--port PORT]',
  description: 'A stateless reader: run as many as you like behind a load balancer, next to `feedloom worker`s\nthat ingest into the same database. Stops gracefully on SIGTERM/SIGINT.',
  logs: true,
  options: {
    host: { type: 'string', valueName: 'HOST', help: 'interface to listen on (default $HOST or 127.0.0.1)' },
    port: { type: 'string', valueName: 'PORT', help: 'port to listen on (default $PORT or 8080)' },
  },
  async run(args, io) {
    const address = listenAddress({ host: stringOption(args, 'host'), port: stringOption(args, 'port') }, io.env);
    return runService(io, 'serve', async ({ config, logger, handle, onStop }) => {
      const { server, url } = await startHttp(config, handle, logger, address);
      onStop(() => server.close());
      logger.info(`serving ${config.site.title} on ${url}`, { database: handle.location });
    });
  },
};
