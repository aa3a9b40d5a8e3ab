import type { Kysely } from 'kysely';
import { watchConfig } from '../../config/index.js';
import type { Config } from '../../config/index.js';
import { fetchFeed, withConnectionPool } from '../../fetch/index.js';
import { applyRetention, configuredOverrides, configuredSources, cpuPool, cpuStages, formatPassSummary, ingestSettings, runClaimedPass } from '../../ingest/index.js';
import type { PassSummary } from '../../ingest/index.js';
import type { Logger } from '../../log/index.js';
import { ConfigError } from '../../model/index.js';
import type { FeedloomError } from '../../model/index.js';
import { leaseLengthMs, leaseOwner, startScheduler } from '../../schedule/index.js';
import { releaseLeases, syncSources } from '../../store/index.js';
import type { Database } from '../../store/index.js';
import { reportPass, reportSource } from '../pass-report.js';
import { startHubNotifier } from './hub-notifier.js';

/** A running ingestion loop (the `worker` role, also inside `run`). */
export interface WorkerHandle {
  /** The config in effect: reloaded when the file changes or on SIGHUP; a broken edit keeps the last good one. */
  config(): Config;
  /** Resolves when the pass in flight, if any, has finished. */
  idle(): Promise<void>;
  /** Stop claiming, let the sources in flight finish, release this process's leases, stop watching the config. */
  stop(): Promise<void>;
}

/** What `startWorker` needs. */
export interface WorkerOptions {
  db: Kysely<Database>;
  /** The config file (watched) and the config already loaded from it. */
  file: string;
  config: Config;
  logger: Logger;
  /** Names this process in lease owners ("worker", "run"). */
  role: string;
  /** Called after a changed config has been applied (the sources synced, the tick updated). */
  onConfig?: (config: Config) => void;
  /** Watch the config file (default true); SIGHUP reloads it either way. */
  watch?: boolean;
  /** The environment (HTTP_PROXY, HTTPS_PROXY, NO_PROXY); none when absent. */
  env?: Record<string, string | undefined>;
}

/** How often a worker purges items older than the retention period. */
const RETENTION_EVERY_MS = 3_600_000;

/**
 * Start ingesting on the config's tick: each tick runs one claimed pass (sources leased from the shared
 * database, so any number of workers, `run`s and cron `ingest`s can run side by side), and at most
 * hourly a retention purge. The config follows its file: a valid edit re-syncs the sources and the tick.
 */
export async function startWorker(options: WorkerOptions): Promise<WorkerHandle> {
  const { db, logger } = options;
  const owner = leaseOwner(options.role);
  let config = options.config;
  // Sized once: a changed cpu.threads takes effect at the next start. The budget and vendors follow reloads.
  const cpu = cpuPool(config);
  let lastPurge = 0;
  const logSync = async (next: Config): Promise<void> => {
    const sync = await syncSources(db, configuredSources(next));
    logger.info('sources synced', { enabled: next.sources.filter((s) => s.enabled).length, added: sync.added.length, disabled: sync.disabled.length });
  };
  await logSync(config);
  const hubs = await startHubNotifier(db, () => config, logger);
  const runPass = async (signal: AbortSignal): Promise<void> => {
    const current = config;
    // Sources on one host share kept-alive connections for the length of the pass.
    const summary = await withConnectionPool((pool) => runClaimedPass(
      ingestSettings(current, options.env),
      { db, fetch: (request) => fetchFeed(request, { pool }), cpu: cpuStages(cpu, current) },
      {
        concurrency: current.fetch.concurrency, perHostConcurrency: current.fetch.perHostConcurrency, owner,
        leaseMs: leaseLengthMs(current.fetch.timeoutMs), scope: { kind: 'due' }, configured: configuredOverrides(current), signal,
        onProgress: (_done, _total, result) => reportSource(logger, result),
      },
    ));
    logPass(logger, summary);
    await reportPass(db, owner, summary);
    if (summary.items.new + summary.items.updated > 0) {
      await hubs.afterChanges().catch((error: unknown) => logger.error(`websub: ${error instanceof Error ? error.message : String(error)}`));
    }
    if (!signal.aborted && Date.now() - lastPurge >= RETENTION_EVERY_MS) {
      lastPurge = Date.now();
      const purged = await applyRetention(db, current);
      if (purged.items > 0) logger.info('retention: old items purged', { items: purged.items, stories: purged.stories, days: current.retention.days });
    }
  };
  const scheduler = startScheduler(config.schedule.tick, runPass, logger);
  const reloader = watchConfig({
    file: options.file,
    initial: config,
    ...(options.watch !== undefined ? { watch: options.watch } : {}),
    onChange: async (next, previous) => {
      config = next;
      await logSync(next);
      if (next.schedule.tick !== previous.schedule.tick) await scheduler.setTick(next.schedule.tick);
      logger.info('config reloaded', { file: options.file });
      options.onConfig?.(next);
    },
    onError: (error) => logConfigError(logger, error),
  });
  logger.info(`${options.role}: started`, { owner, tick: config.schedule.tick, concurrency: config.fetch.concurrency });
  return {
    config: () => config,
    idle: () => scheduler.idle(),
    async stop() {
      reloader.close();
      await scheduler.stop();
      await cpu.close();
      await releaseLeases(db, owner);
    },
  };
}

function logPass(logger: Logger, summary: PassSummary): void {
  if (summary.sources.total === 0) {
    logger.debug('pass: nothing due');
    return;
  }
  // Each source's failure or notice was logged as it finished (reportSource).
  logger.info(formatPassSummary(summary), { sources: summary.sources.total, failed: summary.sources.failed, new: summary.items.new, ms: summary.durationMs });
}

/** A refused config edit: every problem, one line each; the last good config stays in effect. */
function logConfigError(logger: Logger, error: FeedloomError): void {
  if (!(error instanceof ConfigError)) {
    logger.error('config not reloaded', { message: error.message });
    return;
  }
  logger.error(`config not reloaded: ${error.file} has ${error.problems.length} problem(s); keeping the last good config`);
  for (const p of error.problems) logger.error(`  ${p.path}: ${p.message}`, p.line !== undefined ? { line: p.line } : {});
}
