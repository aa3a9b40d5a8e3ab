import type { Command } from '../command.js';
import { configFile } from '../context.js';
import { startWorker } from '../roles/worker.js';
import { runService } from '../service.js';

/** `feedloom worker`: the scheduler without HTTP, the scale-out role. */
export const workerCommand: Command = {
  name: 'worker',
  summary: 'Scheduler only, no HTTP: run on as many hosts as needed against one PostgreSQL',
  usage: '',
  description: `Runs an ingestion pass on every schedule.tick: claims due sources with a lease (so several workers,
a running \`run\` and cron \`ingest\`s never fetch one source at once; a dead worker's leases expire and are
taken over), fetches and stores them, and purges items older than retention.days hourly. The config is
reloaded when feeds.config.json changes or on SIGHUP; a broken edit is logged and the last good config kept.
SIGTERM/SIGINT: no new source starts, the ones in flight finish, leases are released, exit 0 (a second
signal exits at once). Logs go to stderr (LOG_LEVEL=debug|info|warn|error).`,
  logs: true,
  options: {},
  async run(_args, io) {
    return runService(io, 'worker', async ({ config, logger, handle, onStop }) => {
      const worker = await startWorker({ db: handle.db, file: configFile(io), config, logger, role: 'worker', env: io.env });
      onStop(() => worker.stop());
    });
  },
};
