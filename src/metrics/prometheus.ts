import client from 'prom-client';
import type { Metric } from 'prom-client';
import type { MetricFamily } from './families.js';

/** The Content-Type of the Prometheus text exposition format (0.0.4). */
export const PROMETHEUS_CONTENT_TYPE = client.Registry.PROMETHEUS_CONTENT_TYPE;

/** A histogram this process observes into (prom-client's, seen through the one method feedloom uses). */
export interface HistogramMetric<L extends string> {
  observe(labels: Partial<Record<L, string>>, seconds: number): void;
}

/**
 * This process's own registry: prom-client's default process and Node.js metrics (CPU, memory, event-loop lag,
 * GC, handles) and the histograms the process observes. One per process, made on first use.
 */
let processRegistry: client.Registry | undefined;

function ownRegistry(): client.Registry {
  if (processRegistry === undefined) {
    processRegistry = new client.Registry();
    client.collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** A histogram in this process's registry, created once per name (seconds; `buckets` are upper bounds). */
export function processHistogram<L extends string>(name: string, help: string, labelNames: readonly L[], buckets: readonly number[]): HistogramMetric<L> {
  const registry = ownRegistry();
  const known = registry.getSingleMetric(name);
  if (known instanceof client.Histogram) return known as client.Histogram<L>;
  return new client.Histogram<L>({ name, help, labelNames, buckets: [...buckets], registers: [registry] });
}

/**
 * prom-client's collector protocol for values computed elsewhere: an object with a name that answers `get()`.
 * Its types list only its own metric classes, hence the cast in `exposition`.
 */
function collector(family: MetricFamily) {
  return {
    name: family.name,
    help: family.help,
    type: family.type,
    aggregator: 'sum' as const,
    reset: () => undefined,
    get: async () => ({
      name: family.name, help: family.help, type: family.type, aggregator: 'sum' as const,
      values: family.samples.map((s) => ({ metricName: `${family.name}${s.suffix ?? ''}`, labels: { ...s.labels }, value: s.value })),
    }),
  };
}

/**
 * The text exposition of this process's registry (default metrics, observed histograms) followed by `families`,
 * all formatted by prom-client.
 */
export async function exposition(families: readonly MetricFamily[]): Promise<string> {
  const scrape = new client.Registry();
  for (const family of families) scrape.registerMetric(collector(family) as unknown as Metric);
  return `${await ownRegistry().metrics()}${await scrape.metrics()}`;
}
