import type { DocumentLimits } from '../model/document-limits.js';

/** The validated configuration (feeds.config.json), with defaults applied and durations in milliseconds. */
export interface Config {
  site: SiteConfig;
  fetch: FetchConfig;
  schedule: ScheduleConfig;
  retention: RetentionConfig;
  dedup: DedupConfig;
  cpu: CpuConfig;
  /** Caps on one fetched document (defaults: DEFAULT_DOCUMENT_LIMITS), and the CPU time it may take. */
  limits: LimitsConfig;
  sources: SourceConfig[];
  vendors: VendorConfig[];
  feeds: CuratedFeedConfig[];
  /** What is valid but worth a word to the operator (`feedloom check` prints these), each `path: message`. */
  warnings: string[];
}

/** The published site and its feeds. */
export interface SiteConfig {
  title: string;
  /** Absolute http(s) URL the site is served at, without a trailing slash. */
  baseUrl: string;
  description: string;
  /** BCP 47 language tag, e.g. "en" or "en-GB". */
  language: string;
  /** WebSub hub URLs: advertised in every curated feed and pinged when one changes. */
  websub: string[];
}

/** How sources are fetched. */
export interface FetchConfig {
  userAgent: string;
  /** Overall deadline for one fetch, redirects included. */
  timeoutMs: number;
  /** Largest decoded (decompressed) body accepted. */
  maxBytes: number;
  /** Fetches in flight at once, over all hosts. */
  concurrency: number;
  /** Fetches in flight at once to one host. */
  perHostConcurrency: number;
  /** Allow private, loopback and link-local addresses for every source (default false). */
  allowPrivateNetworks: boolean;
  /** Proxy URL for every fetch; null: HTTP_PROXY / HTTPS_PROXY / NO_PROXY from the environment. */
  proxy: string | null;
}

/** When sources are polled. */
export interface ScheduleConfig {
  /** node-cron expression for the scheduler's tick (checks for due sources). */
  tick: string;
  defaultIntervalMs: number;
  minIntervalMs: number;
  maxIntervalMs: number;
}

/** How long items are kept. */
export interface RetentionConfig {
  /** Items older than this many days are purged; 0 keeps everything. */
  days: number;
}

/** Cross-outlet story clustering. */
export interface DedupConfig {
  /** Items are compared only with items published within this window. */
  windowMs: number;
}

/** The worker threads the CPU stages run in. */
export interface CpuConfig {
  /** How many; null: one per core (`os.availableParallelism()`). */
  threads: number | null;
}

/** Caps on one fetched document: items, title characters, summary/content bytes, nesting depth; and its CPU time. */
export interface LimitsConfig extends DocumentLimits {
  /** Milliseconds one document may take in its worker thread; over it: TOO_COMPLEX, and the thread is replaced. */
  cpuBudgetMs: number;
}

/** One feed to poll. */
export interface SourceConfig {
  /** Slug, unique among sources. */
  id: string;
  /** http(s) URL of the feed. */
  url: string;
  /** Display name; undefined means "use the feed's own title". */
  title: string | undefined;
  /** The publisher's home page, when given. */
  siteUrl: string | undefined;
  tags: string[];
  /** Poll interval as configured, else schedule.defaultInterval (the scheduler clamps it to min/max). */
  intervalMs: number;
  /** Higher wins when choosing which outlet's item represents a story. */
  priority: number;
  enabled: boolean;
  /** This source's own setting, else fetch.allowPrivateNetworks. */
  allowPrivateNetworks: boolean;
  /** HTTP Basic credentials for this source's own origin: never logged, printed or exported. */
  auth: BasicAuth | undefined;
}

/** A user name and password for HTTP Basic authentication. */
export interface BasicAuth {
  username: string;
  password: string;
}

/** One alias of a vendor, with the case rule already decided. */
export interface VendorAlias {
  text: string;
  caseSensitive: boolean;
}

/** A vendor in the tagging dictionary. */
export interface VendorConfig {
  /** Slug, unique among vendors. */
  id: string;
  name: string;
  /** The aliases as configured (the name alone when none were given), in order. */
  aliases: VendorAlias[];
}

/** A regular expression from the config: the text as written and its compiled form. */
export interface ConfigPattern {
  source: string;
  /** Compiled with the `u` flag, plus `i` unless the rule is case-sensitive; never global (stateless). */
  regex: RegExp;
}

/**
 * Which items a curated feed takes. Every criterion that is given must hold; an empty list or an
 * undefined maxAge is no constraint, so an empty match takes every item.
 */
export interface FeedMatch {
  /** The item is about at least one of these vendor ids. */
  vendors: string[];
  /** The item is about every one of these vendor ids. */
  vendorsAll: string[];
  /** The item names at least one of these vendor ids, in passing or not. */
  mentions: string[];
  /** At least one matches the item's title or text. */
  keywords: ConfigPattern[];
  /** None matches the item's title or text. */
  exclude: ConfigPattern[];
  /** The item comes from one of these source ids. */
  sources: string[];
  /** The item's source has at least one of these tags. */
  sourceTags: string[];
  /** The item was published at most this long ago. */
  maxAgeMs: number | undefined;
  /** Whether keywords and exclude are case-sensitive (default false). */
  caseSensitive: boolean;
}

/** One curated output feed. */
export interface CuratedFeedConfig {
  /** Slug, unique among feeds: the `{id}` in /feeds/{id}.xml. */
  id: string;
  title: string;
  description: string;
  /** Most entries the feed lists, newest first. */
  limit: number;
  match: FeedMatch;
}
