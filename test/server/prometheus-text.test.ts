import { describe, expect, it } from 'vitest';
import { formatExposition } from '../../src/server/prometheus-text.js';
import { parsePrometheus, sampleValue } from './prometheus-parser.js';

describe('formatExposition', () => {
  it('writes HELP, TYPE and samples, escaping label values and help text', () => {
    const text = formatExposition([
      {
        name: 'feedloom_source_error_streak', type: 'gauge', help: 'Errors\nin a row \\ per source',
        samples: [
          { labels: { source: 'weird "id"\\with\nnewline' }, value: 3 },
          { labels: { source: 'plain' }, value: 0 },
        ],
      },
      { name: 'feedloom_x_total', type: 'counter', help: 'x', samples: [{ value: 1.5 }, { labels: { le: '+Inf' }, value: Infinity }] },
    ]);
    expect(text).toBe([
      '# HELP feedloom_source_error_streak Errors\\nin a row \\\\ per source',
      '# TYPE feedloom_source_error_streak gauge',
      'feedloom_source_error_streak{source="weird \\"id\\"\\\\with\\nnewline"} 3',
      'feedloom_source_error_streak{source="plain"} 0',
      '# HELP feedloom_x_total x',
      '# TYPE feedloom_x_total counter',
      'feedloom_x_total 1.5',
      'feedloom_x_total{le="+Inf"} +Inf',
      '',
    ].join('\n'));
    const parsed = parsePrometheus(text);
    expect(sampleValue(parsed, 'feedloom_source_error_streak', { source: 'weird "id"\\with\nnewline' })).toBe(3);
  });

  it('the test parser rejects what Prometheus would reject', () => {
    expect(() => parsePrometheus('feedloom_x 1\n')).toThrow(/before its TYPE/);
    expect(() => parsePrometheus('# TYPE a gauge\na{b="c} 1\n')).toThrow();
    expect(() => parsePrometheus('# TYPE a gauge\na one\n')).toThrow();
    expect(() => parsePrometheus('# TYPE a gauge\na 1')).toThrow(/line feed/);
  });
});
