import { describe, expect, it } from 'vitest';
import { exposition, observePass } from '../../src/metrics/index.js';
import { parsePrometheus, sampleValue } from '../server/prometheus-parser.js';

describe('exposition (prom-client)', () => {
  it('writes HELP, TYPE and samples of our own families, escaping label values and help text', async () => {
    const text = await exposition([
      {
        name: 'feedloom_source_error_streak', type: 'gauge', help: 'Errors\nin a row \\ per source',
        samples: [
          { labels: { source: 'weird "id"\\with\nnewline' }, value: 3 },
          { labels: { source: 'plain' }, value: 0 },
        ],
      },
      { name: 'feedloom_x_total', type: 'counter', help: 'x', samples: [{ value: 1.5 }] },
    ]);
    expect(text).toContain([
      '# HELP feedloom_source_error_streak Errors\\nin a row \\\\ per source',
      '# TYPE feedloom_source_error_streak gauge',
      'feedloom_source_error_streak{source="weird \\"id\\"\\\\with\\nnewline"} 3',
      'feedloom_source_error_streak{source="plain"} 0',
    ].join('\n'));
    expect(text).toContain('# TYPE feedloom_x_total counter\nfeedloom_x_total 1.5\n');
    const parsed = parsePrometheus(text);
    expect(sampleValue(parsed, 'feedloom_source_error_streak', { source: 'weird "id"\\with\nnewline' })).toBe(3);
  });

  it("includes the process's default metrics and the histograms it observed", async () => {
    observePass(1.7);
    const parsed = parsePrometheus(await exposition([]));
    for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes', 'nodejs_gc_duration_seconds']) {
      expect(parsed.types.has(name), name).toBe(true);
    }
    expect(parsed.types.get('feedloom_ingest_pass_duration_seconds')).toBe('histogram');
    expect(sampleValue(parsed, 'feedloom_ingest_pass_duration_seconds_bucket', { le: '2.5' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(parsed, 'feedloom_ingest_pass_duration_seconds_bucket', { le: '1' })).toBe(0);
  });

  it('the test parser rejects what Prometheus would reject', () => {
    expect(() => parsePrometheus('feedloom_x 1\n')).toThrow(/before its TYPE/);
    expect(() => parsePrometheus('# TYPE a gauge\na{b="c} 1\n')).toThrow();
    expect(() => parsePrometheus('# TYPE a gauge\na one\n')).toThrow();
    expect(() => parsePrometheus('# TYPE a gauge\na 1')).toThrow(/line feed/);
  });
});
