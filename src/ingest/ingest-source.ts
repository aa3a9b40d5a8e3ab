import { DEFAULT_DEDUP_WINDOW_MS, storyAssigner } from '../dedup/index.js';
import type { FetchRequest, ProxySettings } from '../fetch/index.js';
import type { DocumentLimits, ErrorCode, FetchResult, StoryAssigner } from '../model/index.js';
import { FeedloomError, FetchError, toFeedloomError } from '../model/index.js';
import { planAfterFetch } from '../schedule/index.js';
import type { FeedHints, FetchObservation, PublishingRate, ScheduleNotice } from '../schedule/index.js';
import type { Kysely } from 'kysely';
import { recordFetch, sourceFetchedFrom, storedVersions } from '../store/index.js';
import type { Database, FetchOutcome } from '../store/index.js';
import { inlineStages } from '../work/index.js';
import type { CpuStages, Tagger } from '../work/index.js';
import type { FetchRecorder } from './fetch-writer.js';
import { parseInputFrom } from './parse-input.js';

/** Settings that apply to every source of a pass (from the config's `fetch` and `schedule`). */
export interface IngestSettings {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  allowPrivateNetworks: boolean;
  defaultIntervalMs: number;
  minIntervalMs: number;
  maxIntervalMs: number;
  /** Items this close in time may join one story (config `dedup.window`); 7 days when absent. */
  dedupWindowMs?: number;
  /** Proxies for every fetch (config `fetch.proxy`, else HTTP(S)_PROXY / NO_PROXY); absent: none. */
  proxy?: ProxySettings;
  /** Caps on one document (config `limits`), enforced as it is parsed and normalised; absent: the defaults. */
  limits?: DocumentLimits;
}

/** One source to ingest: its stored fetch state plus its configured overrides. */
export interface IngestTarget {
  id: string;
  url: string;
  etag: string | null;
  lastModified: string | null;
  errorCount: number;
  intervalMs?: number;
  allowPrivateNetworks?: boolean;
  /** The lease this worker holds on the source: its write checks it, and releases it. */
  leaseToken?: string;
  /** Aborts (reason: a LEASE_LOST error) when the lease is found taken: the fetch stops and nothing is written. */
  leaseLost?: AbortSignal;
  /** The configured URL, when `url` is where a moved source is fetched instead. */
  configuredUrl?: string;
  /** The previous fetch's permanent redirect target, if any (two in a row: the source has moved). */
  redirectUrl?: string | null;
  /** HTTP Basic credentials (config `auth`), sent to the source's own origin only. */
  auth?: { username: string; password: string };
  /** The source this one was found to duplicate (its URL permanently redirects onto that one's), if any. */
  duplicateOf?: string | null;
  /** How often the source publishes, as last learned. */
  rate?: PublishingRate;
  /** What the feed last asked of pollers (ttl, sy:*, skipHours/skipDays). */
  feedHints?: FeedHints | null;
}

/** What the config says of one source beyond its URL. */
export type ConfiguredOverrides = Pick<IngestTarget, 'intervalMs' | 'allowPrivateNetworks' | 'auth'>;

/** What the orchestrator needs from outside: the database and the fetcher (injectable for tests). */
export interface IngestDeps {
  db: Kysely<Database>;
  fetch: (request: FetchRequest) => Promise<FetchResult>;
  /**
   * Where the CPU stages run (decode, parse, normalise, sanitise, features, tags): the CLI's pool of worker threads
   * (`pooledStages`). Omitted: in this thread, tagging with `tagger`.
   */
  cpu?: CpuStages;
  /** Tags items with the vendors they are about, when the stages run in this thread (omitted: no vendor tagging). */
  tagger?: Tagger;
  /**
   * Stores each fetch attempt: a pass's group commit (`groupedRecorder`), so fetches that finish together share a
   * transaction. Omitted: `recordFetch`, a transaction per fetch.
   */
  record?: FetchRecorder;
  /** Story clustering (omitted: src/dedup's, with the fitted model and the settings' window). */
  stories?: StoryAssigner;
  now?: () => Date;
}

/** The result of ingesting one source, as the pass summary reports it. */
export interface SourceIngestResult {
  sourceId: string;
  url: string;
  outcome: 'ok' | 'not-modified' | 'failed';
  httpStatus: number | null;
  itemsSeen: number;
  itemsNew: number;
  itemsUpdated: number;
  warnings: string[];
  error?: { code: ErrorCode; message: string };
  durationMs: number;
  /** What the operator should hear about: the source is gone (410) or has moved. */
  notices: ScheduleNotice[];
}

/**
 * The one orchestrator: fetch → parse → normalise → store, for one source. Every fault becomes a recorded,
 * coded failure of this source (a `fetches` row and the source's error streak); it never throws for a
 * fetch or parse problem. The next check, and whether the source is gone or has moved, is the scheduler's
 * decision (`planAfterFetch`), stored in the same write. A lease found lost while the source was under way
 * (`target.leaseLost`), or a write refused because of it, is reported as a LEASE_LOST failure (nothing
 * stored); items the database refuses become a DATABASE failure of this source; a database that cannot
 * record even that propagates.
 */
export async function ingestSource(target: IngestTarget, settings: IngestSettings, deps: IngestDeps): Promise<SourceIngestResult> {
  const now = deps.now ?? (() => new Date());
  const startedAt = now();
  const plan = (observation: FetchObservation) => planAfterFetch({
    state: {
      url: target.configuredUrl ?? target.url, errorCount: target.errorCount, redirectUrl: target.redirectUrl ?? null,
      rate: target.rate ?? { gapMs: null, newestAt: null }, feedHints: target.feedHints ?? null, duplicateOf: target.duplicateOf ?? null,
    },
    policy: { intervalMs: target.intervalMs ?? settings.defaultIntervalMs, minIntervalMs: settings.minIntervalMs, maxIntervalMs: settings.maxIntervalMs },
    observation,
    now: now(),
  });
  let outcome: FetchOutcome;
  let notices: ScheduleNotice[] = [];
  let warnings: string[] = [];
  let itemsSeen = 0;
  const lease = target.leaseToken !== undefined ? { leaseToken: target.leaseToken } : {};
  const record = deps.record ?? ((o: FetchOutcome) => recordFetch(deps.db, o));
  const cpu = deps.cpu ?? inlineStages(deps.tagger ? { tagger: deps.tagger } : {});
  try {
    const response = await deps.fetch({
      url: target.url,
      ...(target.etag ? { etag: target.etag } : {}),
      ...(target.lastModified ? { lastModified: target.lastModified } : {}),
      userAgent: settings.userAgent,
      timeoutMs: settings.timeoutMs,
      maxBytes: settings.maxBytes,
      allowPrivateNetworks: target.allowPrivateNetworks ?? settings.allowPrivateNetworks,
      ...(target.auth ? { auth: target.auth } : {}),
      ...(settings.proxy ? { proxy: settings.proxy } : {}),
      ...(target.leaseLost ? { signal: target.leaseLost } : {}),
    });
    const fetched = { kind: 'fetched', notModified: response.notModified, headers: response.headers, permanentRedirect: response.permanentRedirect ?? null } as const;
    const base = {
      sourceId: target.id, startedAt, status: response.status, bytes: response.wireBytes, etag: response.etag ?? null,
      lastModified: response.lastModified ?? null, permanentRedirect: response.permanentRedirect ?? null, ...lease,
    };
    const duplicateOf = response.permanentRedirect ? await sourceFetchedFrom(deps.db, response.permanentRedirect, target.id) : undefined;
    if (duplicateOf !== undefined) {
      // Another source is fetched from where this one now leads: storing these items again would duplicate its.
      const decision = plan({ ...fetched, duplicateOf });
      notices = decision.notices;
      outcome = {
        ...base, durationMs: now().getTime() - startedAt.getTime(), notModified: false, items: [],
        nextFetchAt: decision.nextFetchAt, schedule: decision.changes,
      };
    } else if (response.notModified) {
      const decision = plan(fetched);
      notices = decision.notices;
      outcome = {
        ...base, durationMs: now().getTime() - startedAt.getTime(), notModified: true, items: [],
        nextFetchAt: decision.nextFetchAt, schedule: decision.changes,
      };
    } else {
      const budget = cpu.budget();
      const document = await cpu.read(parseInputFrom(response), budget, settings.limits);
      if (!document.ok) throw new FeedloomError(document.error.code, document.error.message);
      warnings = document.warnings;
      itemsSeen = document.itemsSeen;
      const decision = plan({ ...fetched, polling: document.polling, itemDates: document.itemDates });
      notices = decision.notices;
      // Signatures and vendors only for what is new or changed: a feed re-served whole with one new item costs one.
      const items = document.records;
      const stored = await storedVersions(deps.db, target.id, items.map((record) => record.guidKey));
      await cpu.enrich(items.filter((record) => stored.get(record.guidKey)?.content_hash !== record.contentHash), budget);
      outcome = {
        ...base, durationMs: now().getTime() - startedAt.getTime(), notModified: false,
        items, enrich: cpu.enrichNow, nextFetchAt: decision.nextFetchAt, schedule: decision.changes,
        stories: deps.stories ?? storyAssigner({ windowMs: settings.dedupWindowMs ?? DEFAULT_DEDUP_WINDOW_MS }),
      };
    }
  } catch (thrown) {
    const error = toFeedloomError(thrown);
    const status = error instanceof FetchError ? error.status ?? null : null;
    const decision = plan({
      kind: 'failed', status, ...(error instanceof FetchError && error.retryAfter !== undefined ? { retryAfterSeconds: error.retryAfter } : {}),
    });
    notices = decision.notices;
    outcome = {
      sourceId: target.id, startedAt, durationMs: now().getTime() - startedAt.getTime(), status, bytes: 0, notModified: false,
      items: [], error: { code: error.code, message: error.message }, nextFetchAt: decision.nextFetchAt, schedule: decision.changes, ...lease,
    };
  }
  let counts = { itemsNew: 0, itemsUpdated: 0 };
  try {
    // A lease found taken while this source was under way: another worker has it now, and writes its own result.
    if (target.leaseLost?.aborted) throw toFeedloomError(target.leaseLost.reason);
    counts = await record(outcome);
  } catch (error) {
    if (error instanceof FeedloomError && error.code === 'LEASE_LOST') {
      outcome = { ...outcome, items: [], error: { code: error.code, message: error.message } };
      notices = [];
    } else if (error instanceof FeedloomError && error.code === 'DATABASE' && outcome.error === undefined) {
      // This fetch's items could not be stored (the transaction rolled back): record that as this source's
      // failure, so the pass goes on with the others. If even that write fails, the database is down: throw.
      // It backs off like any failure, and keeps the stored validators so the next poll fetches in full.
      const decision = plan({ kind: 'failed', status: outcome.status });
      const { etag: _etag, lastModified: _lastModified, permanentRedirect: _moved, ...rest } = outcome;
      outcome = {
        ...rest, notModified: false, items: [], error: { code: error.code, message: error.message },
        nextFetchAt: decision.nextFetchAt, schedule: decision.changes,
      };
      await record(outcome);
      notices = decision.notices;
    } else {
      throw error;
    }
  }
  return {
    sourceId: target.id,
    url: target.url,
    outcome: outcome.error ? 'failed' : outcome.notModified ? 'not-modified' : 'ok',
    httpStatus: outcome.status,
    itemsSeen,
    itemsNew: counts.itemsNew,
    itemsUpdated: counts.itemsUpdated,
    warnings,
    ...(outcome.error ? { error: outcome.error } : {}),
    durationMs: outcome.durationMs,
    notices,
  };
}
