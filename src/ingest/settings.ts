import type { Kysely } from 'kysely';
import type { Config } from '../config/index.js';
import { proxySettings } from '../fetch/index.js';
import { plainName } from '../normalise/index.js';
import { purgeItems, retentionCutoff } from '../store/index.js';
import type { Database, PurgeResult } from '../store/index.js';
import { CpuPool, pooledStages } from '../work/index.js';
import type { CpuStages } from '../work/index.js';
import type { ConfiguredOverrides, IngestSettings } from './ingest-source.js';

// What the ingest stage takes from the config: shared by `ingest`, the worker role and `sources list`.

/** The pass-wide settings from the config (and the environment's HTTP_PROXY / HTTPS_PROXY / NO_PROXY). */
export function ingestSettings(config: Config, env: Record<string, string | undefined> = {}): IngestSettings {
  const proxy = proxySettings(config.fetch.proxy, env);
  return {
    userAgent: config.fetch.userAgent,
    timeoutMs: config.fetch.timeoutMs,
    maxBytes: config.fetch.maxBytes,
    allowPrivateNetworks: config.fetch.allowPrivateNetworks,
    ...(proxy.http || proxy.https ? { proxy } : {}),
    defaultIntervalMs: config.schedule.defaultIntervalMs,
    minIntervalMs: config.schedule.minIntervalMs,
    maxIntervalMs: config.schedule.maxIntervalMs,
    dedupWindowMs: config.dedup.windowMs,
    limits: config.limits,
  };
}

/** A pool of worker threads for the CPU stages, sized by the config (`cpu.threads`). */
export function cpuPool(config: Config): CpuPool {
  return new CpuPool(config.cpu.threads === null ? {} : { threads: config.cpu.threads });
}

/** The CPU stages of a pass in `pool`, with the config's vendor dictionary and per-document budget. */
export function cpuStages(pool: CpuPool, config: Config): CpuStages {
  return pooledStages(pool, { vendors: config.vendors, cpuBudgetMs: config.limits.cpuBudgetMs });
}

/**
 * The config's sources in the shape the store syncs. A configured display name is a plain field like a feed's own
 * title (normalise/plain-field.ts): no markup reaches the store, or any output rendered from it.
 */
export function configuredSources(config: Config) {
  return config.sources.map((s) => {
    const title = plainName(s.title);
    return {
      id: s.id, url: s.url, tags: s.tags, enabled: s.enabled, priority: s.priority,
      ...(title !== undefined ? { title } : {}), ...(s.siteUrl !== undefined ? { siteUrl: s.siteUrl } : {}),
    };
  });
}

/** A source's configured overrides, as a claimed pass looks them up. */
export function configuredOverrides(config: Config): (id: string) => ConfiguredOverrides | undefined {
  const byId = new Map(config.sources.map((s): [string, ConfiguredOverrides] => [
    s.id, { intervalMs: s.intervalMs, allowPrivateNetworks: s.allowPrivateNetworks, ...(s.auth ? { auth: s.auth } : {}) },
  ]));
  return (id) => byId.get(id);
}

/** Purge items older than `retention.days` (none when 0). */
export async function applyRetention(db: Kysely<Database>, config: Config, now = new Date()): Promise<PurgeResult> {
  const cutoff = retentionCutoff(config.retention.days, now);
  return cutoff === undefined ? { items: 0, stories: 0 } : purgeItems(db, { before: cutoff, now });
}
