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

/** The counter of one route and status, with its route's duration histogram: what one finished request touches. */
export class RequestCell {
  count = 0;

  constructor(private readonly histogram: Histogram) {}

  /** Count one finished request that took `seconds`. */
  observe(seconds: number): void {
    this.count += 1;
    const { counts } = this.histogram;
    for (let i = 0; i < BUCKETS.length; i += 1) {
      if (seconds <= (BUCKETS[i] ?? Infinity)) counts[i] = (counts[i] ?? 0) + 1;
    }
    this.histogram.sum += seconds;
    this.histogram.count += 1;
  }
}

/**
 * This process's HTTP counters: requests by route label and status, and a duration histogram by
 * route. Per process by nature; Prometheus scrapes each `serve` instance and sums. Kept as plain cells,
 * one per route and status (made on first use, then found by two map lookups of small keys, no string
 * built or label set hashed; the hot path keeps the cells of its answers and finds none), because they
 * are counted on every request; prom-client formats them at scrape time (src/metrics).
 */
export class HttpMetrics {
  private readonly requests = new Map<RouteLabel, Map<number, RequestCell>>();
  private readonly durations = new Map<RouteLabel, Histogram>();
  /** Answers given from last good bytes because the database could not be read. */
  staleAnswers = 0;

  /** The cell of `route` and `status`, made on first use. */
  cell(route: RouteLabel, status: number): RequestCell {
    let byStatus = this.requests.get(route);
    if (byStatus === undefined) {
      byStatus = new Map();
      this.requests.set(route, byStatus);
    }
    let cell = byStatus.get(status);
    if (cell === undefined) {
      let histogram = this.durations.get(route);
      if (histogram === undefined) {
        histogram = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
        this.durations.set(route, histogram);
      }
      cell = new RequestCell(histogram);
      byStatus.set(status, cell);
    }
    return cell;
  }

  /** Count one finished request. */
  observe(route: RouteLabel, status: number, seconds: number): void {
    this.cell(route, status).observe(seconds);
  }

  /** The counters as metric families, routes in a stable order. */
  families(): MetricFamily[] {
    const order = (route: RouteLabel): number => ROUTE_LABELS.indexOf(route);
    const requestSamples: Sample[] = [...this.requests.entries()]
      .flatMap(([route, byStatus]) => [...byStatus.entries()].map(([status, cell]) => ({ route, status, count: cell.count })))
      .filter((e) => e.count > 0)
      .sort((a, b) => order(a.route) - order(b.route) || a.status - b.status)
      .map((e) => ({ labels: { route: e.route, status: String(e.status) }, value: e.count }));
    const durationSamples: Sample[] = [];
    for (const route of ROUTE_LABELS) {
      const histogram = this.durations.get(route);
      if (histogram === undefined || histogram.count === 0) continue;
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
      {
        name: 'feedloom_http_stale_responses_total', type: 'counter',
        help: 'Pages and feeds answered with their last good bytes because the database could not be read.',
        samples: [{ value: this.staleAnswers }],
      },
    ];
  }
}
