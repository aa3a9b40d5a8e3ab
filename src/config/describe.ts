import { formatDuration } from './duration.js';
import type { Config, CuratedFeedConfig, SourceConfig } from './types.js';

/** The lines `feedloom check` prints: what would run with this config. Pure: no I/O. */
export function describeConfig(config: Config): string[] {
  const { site, schedule, fetch, sources } = config;
  const enabled = sources.filter((source) => source.enabled);
  const hubs = site.websub.length === 0 ? 'no WebSub hubs' : `WebSub hubs: ${site.websub.join(', ')}`;
  const lines = [
    `site: ${JSON.stringify(site.title)} at ${site.baseUrl} (${site.language}), ${hubs}`,
    `schedule: tick "${schedule.tick}", poll every ${formatDuration(schedule.defaultIntervalMs)} by default ` +
      `(between ${formatDuration(schedule.minIntervalMs)} and ${formatDuration(schedule.maxIntervalMs)})`,
    `fetch: ${fetch.concurrency} at once, ${fetch.perHostConcurrency} per host, timeout ${formatDuration(fetch.timeoutMs)}, ` +
      `at most ${formatBytes(fetch.maxBytes)} per feed, private networks ${fetch.allowPrivateNetworks ? 'allowed' : 'refused'}, ` +
      `${fetch.proxy ? `through the proxy ${withoutCredentials(fetch.proxy)}` : 'proxy from HTTP(S)_PROXY / NO_PROXY if set'}`,
    `retention: ${config.retention.days === 0 ? 'keep every item' : `${config.retention.days} days`}; ` +
      `stories within ${formatDuration(config.dedup.windowMs)}`,
    `limits per document: the newest ${config.limits.maxItems} items, titles of ${config.limits.maxTitleChars} characters, ` +
      `${formatBytes(config.limits.maxContentBytes)} per summary or content, nesting ${config.limits.maxDepth} deep`,
    `cpu: ${config.cpu.threads === null ? 'one worker thread per core' : `${config.cpu.threads} worker thread${config.cpu.threads === 1 ? '' : 's'}`}, ` +
      `at most ${config.limits.cpuBudgetMs} ms per document`,
    `sources: ${enabled.length} enabled${sources.length > enabled.length ? `, ${sources.length - enabled.length} disabled` : ''}`,
    ...tagLines(enabled),
    `vendors: ${config.vendors.length}` +
      (config.vendors.length === 0 ? '' : ` (${config.vendors.map((vendor) => vendor.name).join(', ')})`),
    `curated feeds: ${config.feeds.length}`,
    ...config.feeds.map((feed) => `  ${feed.id} ${JSON.stringify(feed.title)}: ${describeRule(feed, enabled)}`),
  ];
  return lines;
}

/** A proxy URL with any user name and password left out (they are the operator's secret). */
function withoutCredentials(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.href;
}

function tagLines(enabled: SourceConfig[]): string[] {
  const counts = new Map<string, number>();
  let untagged = 0;
  for (const source of enabled) {
    if (source.tags.length === 0) untagged += 1;
    for (const tag of source.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  if (counts.size === 0) return [];
  const byTag = [...counts].sort(([a, m], [b, n]) => n - m || a.localeCompare(b)).map(([tag, count]) => `${tag} ${count}`);
  return [`  by tag: ${byTag.join(', ')}${untagged > 0 ? `; untagged ${untagged}` : ''}`];
}

/** A curated feed's rule in words, with a note for anything that can never match. */
function describeRule(feed: CuratedFeedConfig, enabled: SourceConfig[]): string {
  const { match } = feed;
  const parts: string[] = [];
  const patterns = (list: { source: string }[]) => list.map((pattern) => `/${pattern.source}/`).join(' ');
  if (match.vendors.length > 0) parts.push(`about any of ${match.vendors.join(', ')}`);
  if (match.vendorsAll.length > 0) parts.push(`about all of ${match.vendorsAll.join(', ')}`);
  if (match.mentions.length > 0) parts.push(`naming any of ${match.mentions.join(', ')}`);
  if (match.keywords.length > 0) parts.push(`matching ${patterns(match.keywords)}`);
  if (match.exclude.length > 0) parts.push(`not matching ${patterns(match.exclude)}`);
  if (match.sources.length > 0) parts.push(`from ${match.sources.join(', ')}`);
  if (match.sourceTags.length > 0) {
    const unused = match.sourceTags.filter((tag) => !enabled.some((source) => source.tags.includes(tag)));
    const note = unused.length > 0 ? ` (no enabled source is tagged ${unused.join(', ')})` : '';
    parts.push(`from sources tagged ${match.sourceTags.join(', ')}${note}`);
  }
  if (match.maxAgeMs !== undefined) parts.push(`at most ${formatDuration(match.maxAgeMs)} old`);
  const rule = parts.length === 0 ? 'every item' : parts.join('; ');
  const caseNote = match.caseSensitive && (match.keywords.length > 0 || match.exclude.length > 0) ? ', case-sensitive' : '';
  return `${rule}${caseNote}; newest ${feed.limit}`;
}

function formatBytes(bytes: number): string {
  for (const [unit, size] of [['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10]] as const) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}
