import { aliasCaseSensitive } from './alias-case.js';
import { compilePattern } from './rules.js';
import type { ConfigShape } from './schema.js';
import type { Config, ConfigPattern, SourceConfig, VendorAlias, VendorConfig } from './types.js';

/** Build the typed Config from a valid shape: inherited settings filled in, alias case rules decided, regexes compiled. */
export function resolveConfig(shape: ConfigShape, warnings: readonly string[] = []): Config {
  const fetch = shape.fetch;
  const schedule = {
    tick: shape.schedule.tick,
    defaultIntervalMs: shape.schedule.defaultInterval,
    minIntervalMs: shape.schedule.minInterval,
    maxIntervalMs: shape.schedule.maxInterval,
  };
  return {
    // Without a trailing slash, so `${baseUrl}/feeds/x.xml` is always right.
    site: { ...shape.site, baseUrl: shape.site.baseUrl.replace(/\/+$/, ''), websub: [...shape.site.websub] },
    fetch: { ...fetch },
    schedule,
    retention: { days: shape.retention.days },
    dedup: { windowMs: shape.dedup.window },
    cpu: { threads: shape.cpu.threads },
    limits: { ...shape.limits },
    sources: shape.sources.map(
      (source): SourceConfig => ({
        id: source.id,
        url: source.url,
        title: source.title,
        siteUrl: source.siteUrl,
        tags: [...source.tags],
        intervalMs: source.interval ?? schedule.defaultIntervalMs,
        priority: source.priority,
        enabled: source.enabled,
        allowPrivateNetworks: source.allowPrivateNetworks ?? fetch.allowPrivateNetworks,
        auth: source.auth ? { ...source.auth } : undefined,
      }),
    ),
    vendors: shape.vendors.map(resolveVendor),
    feeds: shape.feeds.map((feed) => {
      const { match } = feed;
      const compile = (source: string): ConfigPattern => ({ source, regex: compilePattern(source, match.caseSensitive) });
      return {
        id: feed.id,
        title: feed.title,
        description: feed.description,
        limit: feed.limit,
        match: {
          vendors: [...match.vendors],
          vendorsAll: [...match.vendorsAll],
          mentions: [...match.mentions],
          keywords: match.keywords.map(compile),
          exclude: match.exclude.map(compile),
          sources: [...match.sources],
          sourceTags: [...match.sourceTags],
          maxAgeMs: match.maxAge,
          caseSensitive: match.caseSensitive,
        },
      };
    }),
    warnings: [...warnings],
  };
}

function resolveVendor(vendor: ConfigShape['vendors'][number]): VendorConfig {
  const aliases = (vendor.aliases ?? [vendor.name]).map(
    (alias): VendorAlias =>
      typeof alias === 'string'
        ? { text: alias, caseSensitive: aliasCaseSensitive(alias, undefined, vendor.caseSensitive) }
        : { text: alias.text, caseSensitive: aliasCaseSensitive(alias.text, alias.caseSensitive, vendor.caseSensitive) },
  );
  // An alias written twice is one alias; case variants are both kept (each matches its own spellings).
  const distinct = aliases.filter((alias, i) => aliases.findIndex((a) => a.text === alias.text && a.caseSensitive === alias.caseSensitive) === i);
  return { id: vendor.id, name: vendor.name, aliases: distinct };
}
