import type { MetricFamily, Sample } from '../metrics/index.js';
import { ROUTE_LABELS } from './route-label.js';
import type { RouteLabel } from './route-label.js';

/** Upper bounds (seconds) of the request duration histogram: from a cached feed (~1 ms) to a slow render. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

/**
 * This process's HTTP counters: requests by route label and status, and a duration histogram by
 * route. Per process by nature; Prometheus scrapes each `serve` instance and sums. Kept as plain cells,
 * one per route and status (made on first use, then found by two map lookups of small keys, no string
 * built or label set hashed), because they are counted on every request; prom-client formats them at
 * scrape time (src/metrics).
 */
export class HttpMetrics {
  private readonly requests = new Map<RouteLabel, Map<number, { count: number }>>();
  private readonly durations = new Map<RouteLabel, Histogram>();

  /** Count one finished request. */
  observe(route: RouteLabel, status: number, seconds: number): void {
    let byStatus = this.requests.get(route);
    if (byStatus === undefined) {
      byStatus = new Map();
      this.requests.set(route, byStatus);
    }
    const cell = byStatus.get(status);
    if (cell === undefined) byStatus.set(status, { count: 1 });
    else cell.count += 1;

    let histogram = this.durations.get(route);
    if (histogram === undefined) {
      histogram = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.durations.set(route, histogram);
    }
    for (let i = 0; i < BUCKETS.length; i += 1) {
      if (seconds <= (BUCKETS[i] ?? Infinity)) histogram.counts[i] = (histogram.counts[i] ?? 0) + 1;
    }
    histogram.sum += seconds;
    histogram.count += 1;
  }

  /** The counters as metric families, routes in a stable order. */
  families(): MetricFamily[] {
    const order = (route: RouteLabel): number => ROUTE_LABELS.indexOf(route);
    const requestSamples: Sample[] = [...this.requests.entries()]
      .flatMap(([route, byStatus]) => [...byStatus.entries()].map(([status, cell]) => ({ route, status, count: cell.count })))
      .sort((a, b) => order(a.route) - order(b.route) || a.status - b.status)
      .map((e) => ({ labels: { route: e.route, status: String(e.status) }, value: e.count }));
    const durationSamples: Sample[] = [];
    for (const route of ROUTE_LABELS) {
      const histogram = this.durations.get(route);
      if (histogram === undefined) continue;
      BUCKETS.forEach((bound, i) => {
        durationSamples.push({ suffix: '_bucket', labels: { route, le: String(bound) }, value: histogram.counts[i] ?? 0 });
      });
      durationSamples.push({ suffix: '_bucket', labels: { route, le: '+Inf' }, value: histogram.count });
      durationSamples.push({ suffix: '_sum', labels: { route }, value: histogram.sum });
      durationSamples.push({ suffix: '_count', labels: { route }, value: histogram.count });
    }
    return [
      { name: 'feedloom_http_requests_total', help: 'HTTP requests answered, by route and status.', type: 'counter', samples: requestSamples },
      { name: 'feedloom_http_request_duration_seconds', help: 'Time to answer an HTTP request, by route.', type: 'histogram', samples: durationSamples },
    ];
  }
}
