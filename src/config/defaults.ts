import { DEFAULT_DOCUMENT_LIMITS } from '../model/document-limits.js';

/** Defaults for every optional setting, as written in feeds.config.json (durations as strings). */
export const DEFAULTS = {
  site: {
    title: 'feedloom headlines',
    baseUrl: 'http://localhost:8080',
    description: '',
    language: 'en',
  },
  fetch: {
    userAgent: 'feedloom/0.1 (+https://example.org/feedloom-bot)',
    timeoutMs: 20_000,
    maxBytes: 10 * 1024 * 1024,
    concurrency: 8,
    perHostConcurrency: 2,
    allowPrivateNetworks: false,
    proxy: null,
  },
  schedule: {
    tick: '* * * * *',
    defaultInterval: '30m',
    minInterval: '5m',
    maxInterval: '24h',
  },
  retention: { days: 365 },
  dedup: { window: '7d' },
  /** cpu.threads: null stands for os.availableParallelism(). */
  cpu: { threads: null },
  limits: { ...DEFAULT_DOCUMENT_LIMITS, cpuBudgetMs: 10_000 },
  source: { priority: 0, enabled: true },
  feed: { limit: 50, description: '' },
  /** What `feeds` is when the key is left out: one feed of every item. */
  feeds: [{ id: 'headlines', title: 'All headlines' }],
} as const;
