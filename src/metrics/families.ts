/** One sample of a metric family: labels, a value, and a name suffix (`_bucket`, `_sum`, `_count`) for histograms. */
export interface Sample {
  labels?: Readonly<Record<string, string>>;
  value: number;
  suffix?: string;
}

/** A metric family whose samples feedloom computes itself (from the database, or from counters kept on a hot path). */
export interface MetricFamily {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  samples: Sample[];
}
