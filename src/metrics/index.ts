export type { MetricFamily, Sample } from './families.js';
export { exposition, PROMETHEUS_CONTENT_TYPE } from './prometheus.js';
export { observeFetch, observePass } from './ingest-metrics.js';
export type { FetchResultLabel } from './ingest-metrics.js';
