import { processHistogram } from './prometheus.js';

/** How a fetch attempt ended, as the fetch-duration histogram labels it. */
export type FetchResultLabel = 'ok' | 'not_modified' | 'error';

// From a 304 on a kept-alive connection (~10 ms) to the 20 s default fetch deadline.
const FETCH_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60];
// A pass over a handful of due sources takes about a second; a cold pass over thousands, minutes.
const PASS_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

/** Count one fetch attempt of this process: how long it took, by how it ended. */
export function observeFetch(result: FetchResultLabel, seconds: number): void {
  processHistogram('feedloom_fetch_duration_seconds', 'Time of one fetch attempt of one source (fetch, parse and store), by result; this process.', ['result'], FETCH_BUCKETS)
    .observe({ result }, seconds);
}

/** Count one ingestion pass of this process that fetched at least one source. */
export function observePass(seconds: number): void {
  processHistogram('feedloom_ingest_pass_duration_seconds', 'Time of one ingestion pass that fetched at least one source; this process.', [], PASS_BUCKETS)
    .observe({}, seconds);
}
