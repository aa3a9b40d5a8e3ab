import type { Kysely } from 'kysely';
import type { Database, StoreMetrics } from '../store/index.js';
import { readStoreMetrics } from '../store/index.js';
import { withDeadline } from './deadline.js';
import type { HttpMetrics } from './http-metrics.js';
import { exposition, PROMETHEUS_CONTENT_TYPE } from '../metrics/index.js';
import type { MetricFamily } from '../metrics/index.js';
import type { PlainResponse } from './represent.js';
import { NO_STORE } from './response-headers.js';

/** The store's numbers as metric families (counters and gauges shared by every process). */
export function storeFamilies(metrics: StoreMetrics): MetricFamily[] {
  const seconds = (iso: string | null): number => (iso === null ? 0 : Date.parse(iso) / 1000);
  return [
    {
      name: 'feedloom_fetches_total', type: 'counter',
      help: 'Fetch attempts recorded, by result (ok, not_modified, error) and code (error code, else HTTP status).',
      samples: metrics.fetches.map((f) => ({ labels: { result: f.result, code: f.code }, value: f.count })),
    },
    {
      name: 'feedloom_items_total', type: 'counter',
      help: 'Items found in fetched feeds, by what storing them did: new (stored), updated (rewritten, its content changed), unchanged.',
      samples: [
        { labels: { outcome: 'new' }, value: metrics.itemsNew },
        { labels: { outcome: 'updated' }, value: metrics.itemsUpdated },
        { labels: { outcome: 'unchanged' }, value: Math.max(0, metrics.itemsSeen - metrics.itemsNew - metrics.itemsUpdated) },
      ],
    },
    { name: 'feedloom_story_merges_total', type: 'counter', help: 'Times two stories were found to tell the same news and merged.', samples: [{ value: metrics.storyMerges }] },
    {
      name: 'feedloom_source_last_success_timestamp_seconds', type: 'gauge',
      help: 'When each enabled source was last fetched successfully (Unix seconds; 0 = never).',
      samples: metrics.sources.map((s) => ({ labels: { source: s.id }, value: seconds(s.lastSuccessAt) })),
    },
    {
      name: 'feedloom_source_error_streak', type: 'gauge',
      help: 'Consecutive failed fetches of each enabled source (0 after a success).',
      samples: metrics.sources.map((s) => ({ labels: { source: s.id }, value: s.errorStreak })),
    },
    { name: 'feedloom_items_stored', type: 'gauge', help: 'Items in the database.', samples: [{ value: metrics.itemsStored }] },
    { name: 'feedloom_stories_stored', type: 'gauge', help: 'Stories in the database.', samples: [{ value: metrics.storiesStored }] },
  ];
}

/** What `metricsResponse` read: the response, and why the store part is missing when it is. */
export interface MetricsOutcome {
  response: PlainResponse;
  storeError?: unknown;
}

/**
 * The /metrics response. The HTTP counters always appear; the store's numbers appear when the
 * database answers within `timeoutMs`, and `feedloom_store_up` says whether it did (the usual
 * exporter convention: a scrape that half-works still reports what it can). `serving` adds what the
 * server knows of its own state.
 */
export async function metricsResponse(db: Kysely<Database>, http: HttpMetrics, timeoutMs: number, serving: readonly MetricFamily[] = []): Promise<MetricsOutcome> {
  let store: MetricFamily[] = [];
  let storeError: unknown;
  try {
    store = storeFamilies(await withDeadline(readStoreMetrics(db), timeoutMs, 'database'));
  } catch (error) {
    storeError = error;
  }
  const up: MetricFamily = {
    name: 'feedloom_store_up', type: 'gauge', help: 'Whether the database answered this scrape (1) or not (0).',
    samples: [{ value: storeError === undefined ? 1 : 0 }],
  };
  const text = await exposition([...http.families(), ...serving, up, ...store]);
  const response: PlainResponse = {
    status: 200,
    headers: { 'content-type': PROMETHEUS_CONTENT_TYPE, 'cache-control': NO_STORE, 'x-content-type-options': 'nosniff' },
    body: Buffer.from(text),
  };
  return storeError === undefined ? { response } : { response, storeError };
}

/** `feedloom_serving_stale`: whether the site's last check found the database unreadable, so that pages are answered from their last good bytes. */
export function stalenessFamily(stale: boolean): MetricFamily {
  return {
    name: 'feedloom_serving_stale', type: 'gauge',
    help: 'Whether the database could not be read at the last check (every second), so pages and feeds rendered before are answered with their last good bytes (1) or not (0).',
    samples: [{ value: stale ? 1 : 0 }],
  };
}
