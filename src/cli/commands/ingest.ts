import type { Config } from '../../config/index.js';
import { fetchFeed, withConnectionPool } from '../../fetch/index.js';
import { applyRetention, configuredOverrides, configuredSources, cpuPool, cpuStages, formatPassSummary, ingestSettings, runClaimedPass } from '../../ingest/index.js';
import type { PassSummary } from '../../ingest/index.js';
import { cappedBy, UsageError } from '../../model/index.js';
import { leaseLengthMs, leaseOwner, shutdownSignal } from '../../schedule/index.js';
import { dueSources, syncSources } from '../../store/index.js';
import type { ClaimScope, PurgeResult } from '../../store/index.js';
import { flag, stringsOption } from '../args.js';
import { EXIT } from '../command.js';
import type { Command } from '../command.js';
import { requireConfig } from '../context.js';
import { openDatabase } from '../database.js';
import type { CliIo } from '../io.js';
import { cliLogger } from '../logger.js';
import { reportPass, reportSource } from '../pass-report.js';
import { createProgress } from '../progress.js';

function checkNamedSources(ids: string[], config: Config): void {
  for (const id of ids) {
    const source = config.sources.find((s) => s.id === id);
    if (!source) {
      const known = config.sources.map((s) => s.id).join(', ');
      throw new UsageError(`ingest: --source ${id}: no such source in the config (known: ${known || 'none'})`);
    }
    if (!source.enabled) throw new UsageError(`ingest: --source ${id}: the source is disabled in the config`);
  }
}

/** `feedloom ingest`: one ingestion pass over due (or named, or all) sources, then exit. */
export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'One ingestion pass over due (or named, or all) sources, then exit (for cron)',
  usage: '[--all] [--source ID]... [--json] [--strict]',
  description: `Fetches each due source (or every enabled one with --all, or those named with --source), parses,
normalises and stores new and changed items, purges items older than retention.days, and prints a one-line
summary (--json: one JSON object with each failure's source, code and message). A failing source never stops
the others. Sources are claimed with a lease, so an ingest next to a running worker (or another ingest) never
fetches a source twice at once; a source another process is fetching is skipped. SIGTERM/SIGINT: no new source
starts, the ones in flight finish. Exit 0 when the pass ran, 1 when it could not run or, with --strict, when
any source failed; 2 on bad usage or config.`,
  logs: true,
  options: {
    all: { type: 'boolean', help: 'every enabled source, due or not' },
    source: { type: 'string', multiple: true, valueName: 'ID', help: 'only this source (repeatable; fetched even if gone)' },
    json: { type: 'boolean', help: 'print the summary as one JSON object' },
    strict: { type: 'boolean', help: 'exit 1 if any source failed' },
  },
  async run(args, io) {
    const config = await requireConfig(io);
    const named = stringsOption(args, 'source');
    if (named.length > 0 && flag(args, 'all')) throw new UsageError('ingest: give --all or --source, not both');
    checkNamedSources(named, config);
    const handle = await openDatabase(io);
    const stop = shutdownSignal({ onRepeat: () => process.exit(130) });
    const cpu = cpuPool(config);
    try {
      await syncSources(handle.db, configuredSources(config));
      const scope: ClaimScope = named.length > 0 ? { kind: 'ids', ids: named } : flag(args, 'all') ? { kind: 'all' } : { kind: 'due' };
      const expected = (await dueSources(handle.db, new Date(), named.length > 0 ? { ids: named } : { all: flag(args, 'all') })).length;
      const progress = createProgress(io.stderr);
      const logger = cliLogger(io);
      const owner = leaseOwner('ingest');
      // Sources on one host share kept-alive connections for the length of the pass.
      const summary = await withConnectionPool((pool) => runClaimedPass(
        ingestSettings(config, io.env),
        { db: handle.db, fetch: (request) => fetchFeed(request, { pool }), cpu: cpuStages(cpu, config) },
        {
          concurrency: config.fetch.concurrency,
          perHostConcurrency: config.fetch.perHostConcurrency,
          owner,
          leaseMs: leaseLengthMs(config.fetch.timeoutMs),
          scope,
          configured: configuredOverrides(config),
          expected,
          signal: stop.signal,
          onProgress: (done, total, result) => {
            progress.update(done, total, result.sourceId);
            reportSource(logger, result);
          },
        },
      ));
      progress.finish();
      await reportPass(handle.db, owner, summary);
      const purged = stop.signal.aborted ? { items: 0, stories: 0 } : await applyRetention(handle.db, config);
      printSummary(io, summary, purged, flag(args, 'json'));
      const skipped = named.filter((id) => !summary.results.some((r) => r.sourceId === id));
      for (const id of skipped) logger.child({ source: id }).warn('skipped: another process is fetching it now, or its host is at fetch.perHostConcurrency');
      return flag(args, 'strict') && summary.sources.failed > 0 ? EXIT.failed : EXIT.ok;
    } finally {
      stop.dispose();
      await cpu.close();
      await handle.close();
    }
  },
};

function printSummary(io: CliIo, summary: PassSummary, purged: PurgeResult, json: boolean): void {
  if (json) {
    const { results, ...rest } = summary;
    const notices = results.flatMap((r) => r.notices.map((n) => ({ source: r.sourceId, kind: n.kind, message: n.message })));
    const capped = results.flatMap((r) => r.warnings.flatMap((message) => {
      const cap = cappedBy(message);
      return cap === undefined ? [] : [{ source: r.sourceId, cap: `limits.${cap}`, message }];
    }));
    io.stdout.write(`${JSON.stringify({ ...rest, notices, capped, purged: { items: purged.items } })}\n`);
    return;
  }
  // Failures and notices were logged (stderr) as each source finished.
  io.stdout.write(`${formatPassSummary(summary)}${purged.items > 0 ? `; ${purged.items} old items purged` : ''}\n`);
}
