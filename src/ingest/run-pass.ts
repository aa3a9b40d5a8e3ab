import type { ErrorCode } from '../model/index.js';
import { keepLease, runClaimLoop } from '../schedule/index.js';
import { claimSources, hostOf, releaseLeases, renewLease } from '../store/index.js';
import type { ClaimedSource, ClaimScope } from '../store/index.js';
import { groupedRecorder } from './fetch-writer.js';
import { ingestSource } from './ingest-source.js';
import type { ConfiguredOverrides, IngestDeps, IngestSettings, IngestTarget, SourceIngestResult } from './ingest-source.js';
import { runPool } from './pool.js';
import { refreshStoryFeatures } from './refresh-features.js';

/** The summary of one ingestion pass: what cron monitoring reads (`ingest --json`). */
export interface PassSummary {
  startedAt: string;
  durationMs: number;
  sources: { total: number; ok: number; notModified: number; failed: number };
  items: { new: number; updated: number; seen: number };
  failures: { source: string; url: string; code: ErrorCode; message: string }[];
  results: SourceIngestResult[];
}

/** Limits for one pass. */
export interface PassOptions {
  concurrency: number;
  perHostConcurrency: number;
  /** Called after each source finishes (for a progress bar). */
  onProgress?: (done: number, total: number, result: SourceIngestResult) => void;
  /** Abort: start no more sources, finish the ones in flight (graceful shutdown). */
  signal?: AbortSignal;
}

/** Ingest every target with bounded global and per-host concurrency; a failing source never stops the others. */
export async function runIngestPass(
  targets: readonly IngestTarget[],
  settings: IngestSettings,
  deps: IngestDeps,
  options: PassOptions,
): Promise<PassSummary> {
  await refreshStoryFeatures(deps.db, settings.dedupWindowMs);
  const started = new Date();
  const results: SourceIngestResult[] = [];
  const grouped = withGroupCommit(deps);
  await runPool(
    targets,
    {
      concurrency: Math.max(1, options.concurrency), perKey: Math.max(1, options.perHostConcurrency), key: (t) => hostOf(t.url),
      ...(options.signal ? { signal: options.signal } : {}),
    },
    async (target) => {
      const result = await ingestSource(target, settings, grouped);
      results.push(result);
      options.onProgress?.(results.length, targets.length, result);
    },
  );
  const order = new Map(targets.map((t, i) => [t.id, i]));
  results.sort((a, b) => (order.get(a.sourceId) ?? 0) - (order.get(b.sourceId) ?? 0));
  return summarise(started, results);
}

/** How a claimed pass takes its sources: who claims, for how long, which sources, and their configured overrides. */
export interface ClaimedPassOptions extends PassOptions {
  /** This process as a lease holder (`leaseOwner()`). */
  owner: string;
  leaseMs: number;
  scope: ClaimScope;
  /** A source's configured overrides (interval, allowPrivateNetworks, auth), by id. */
  configured: (id: string) => ConfiguredOverrides | undefined;
  /** The number of sources expected, for `onProgress` (0 when unknown). */
  expected?: number;
}

/**
 * One pass over claimed sources: lease sources as slots free up (global concurrency in this process,
 * per-host concurrency over every worker of the database), ingest each under its lease, and stop when
 * none is left to claim. Each source is fetched at most once per pass. Several processes (`ingest` from
 * cron, `worker`s, `run`) can run passes at once on one database without fetching a source twice.
 * Each lease is renewed while its source is being ingested (`keepLease`), so a slow document is not taken over.
 * Leases still held at the end (a source whose write failed) are released.
 */
export async function runClaimedPass(settings: IngestSettings, deps: IngestDeps, options: ClaimedPassOptions): Promise<PassSummary> {
  await refreshStoryFeatures(deps.db, settings.dedupWindowMs);
  const started = new Date();
  const results: SourceIngestResult[] = [];
  const grouped = withGroupCommit(deps);
  // What this pass is working on: its own claims never take these back, whatever their lease says.
  const inFlight = new Set<string>();
  try {
    await runClaimLoop<ClaimedSource>({
      concurrency: options.concurrency,
      ...(options.signal ? { signal: options.signal } : {}),
      claim: (limit) => claimSources(deps.db, {
        owner: options.owner, leaseMs: options.leaseMs, limit, perHostLimit: Math.max(1, options.perHostConcurrency),
        scope: options.scope, fetchedBefore: started, exceptIds: [...inFlight],
      }),
      work: async (claimed) => {
        // The lease is renewed while the source is fetched, parsed and stored, however long that takes.
        const keeper = keepLease({
          what: `source ${claimed.id}`, leaseMs: options.leaseMs,
          renew: () => renewLease(deps.db, { sourceId: claimed.id, leaseToken: claimed.leaseToken, leaseMs: options.leaseMs }),
        });
        let result: SourceIngestResult;
        inFlight.add(claimed.id);
        try {
          result = await ingestSource({ ...claimedTarget(claimed, options.configured(claimed.id)), leaseLost: keeper.lost }, settings, grouped);
        } finally {
          keeper.stop();
          inFlight.delete(claimed.id);
        }
        results.push(result);
        options.onProgress?.(results.length, Math.max(options.expected ?? 0, results.length), result);
      },
    });
  } finally {
    await releaseLeases(deps.db, options.owner).catch(() => 0);
  }
  results.sort((a, b) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0));
  return summarise(started, results);
}

/** The pass's deps with a group-committing recorder, unless the caller brought its own. */
function withGroupCommit(deps: IngestDeps): IngestDeps {
  return deps.record !== undefined ? deps : { ...deps, record: groupedRecorder(deps.db) };
}

/** A claimed source as the orchestrator ingests it. */
function claimedTarget(claimed: ClaimedSource, configured: ConfiguredOverrides | undefined): IngestTarget {
  return {
    id: claimed.id, url: claimed.fetchUrl, configuredUrl: claimed.url, etag: claimed.etag, lastModified: claimed.lastModified,
    errorCount: claimed.errorCount, leaseToken: claimed.leaseToken, redirectUrl: claimed.redirectUrl,
    rate: { gapMs: claimed.publishGapMs, newestAt: claimed.newestItemAt }, feedHints: claimed.feedHints, duplicateOf: claimed.duplicateOf,
    ...(configured?.intervalMs !== undefined ? { intervalMs: configured.intervalMs } : {}),
    ...(configured?.allowPrivateNetworks !== undefined ? { allowPrivateNetworks: configured.allowPrivateNetworks } : {}),
    // Credentials belong to the configured URL's origin: not to where a moved source is fetched now, if elsewhere.
    ...(configured?.auth !== undefined && sameOrigin(claimed.fetchUrl, claimed.url) ? { auth: configured.auth } : {}),
  };
}

function sameOrigin(a: string, b: string): boolean {
  return URL.canParse(a) && URL.canParse(b) && new URL(a).origin === new URL(b).origin;
}

function summarise(started: Date, results: SourceIngestResult[]): PassSummary {
  const count = (outcome: SourceIngestResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
  const sum = (pick: (r: SourceIngestResult) => number) => results.reduce((n, r) => n + pick(r), 0);
  return {
    startedAt: started.toISOString(),
    durationMs: Date.now() - started.getTime(),
    sources: { total: results.length, ok: count('ok'), notModified: count('not-modified'), failed: count('failed') },
    items: { new: sum((r) => r.itemsNew), updated: sum((r) => r.itemsUpdated), seen: sum((r) => r.itemsSeen) },
    failures: results.flatMap((r) => (r.error ? [{ source: r.sourceId, url: r.url, code: r.error.code, message: r.error.message }] : [])),
    results,
  };
}

/** The one-line human summary of a pass. */
export function formatPassSummary(summary: PassSummary): string {
  const s = summary.sources;
  const i = summary.items;
  const seconds = (summary.durationMs / 1000).toFixed(1);
  return `ingest: ${s.total} source${s.total === 1 ? '' : 's'} (${s.ok} ok, ${s.notModified} not modified, ${s.failed} failed); `
    + `items: ${i.new} new, ${i.updated} updated, ${i.seen} seen; ${seconds}s`;
}
