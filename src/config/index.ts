export { loadConfig, parseConfig, configPath } from './load.js';
export { describeConfig } from './describe.js';
export { parseDuration, tryParseDuration, formatDuration, DURATION_PATTERN } from './duration.js';
export { defaultCaseSensitive, aliasCaseSensitive, COMMON_WORDS } from './alias-case.js';
export { configJsonSchemaText } from './schema.js';
export { cronProblem } from './cron.js';
export { httpUrlProblem, compilePattern } from './rules.js';
export type {
  Config,
  ConfigPattern,
  CpuConfig,
  CuratedFeedConfig,
  DedupConfig,
  FeedMatch,
  FetchConfig,
  LimitsConfig,
  RetentionConfig,
  ScheduleConfig,
  SiteConfig,
  SourceConfig,
  BasicAuth,
  VendorAlias,
  VendorConfig,
} from './types.js';
export { watchConfig } from './reloader.js';
export type { ConfigReloader, ReloaderOptions } from './reloader.js';
export { DEFAULTS } from './defaults.js';
