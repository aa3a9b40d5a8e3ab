import { describe, expect, it } from 'vitest';
import { scoreTagging } from './tag-metrics.js';
import type { LabelledItem } from './tag-metrics.js';

const item = (id: string, vendors: string[]): LabelledItem => ({ id, title: id, lead: '', vendors });

describe('scoreTagging', () => {
  it('counts true and false positives and negatives per vendor and in total', () => {
    const predictions: Record<string, string[]> = { a: ['x', 'y'], b: ['x'], c: [], d: ['z'] };
    const score = scoreTagging(
      [item('a', ['x']), item('b', ['x', 'y']), item('c', ['y']), item('d', [])],
      (labelled) => predictions[labelled.id] ?? [],
      ['x', 'y'],
    );
    expect(score.perVendor.get('x')).toMatchObject({ truePositives: 2, falsePositives: 0, falseNegatives: 0, precision: 1, recall: 1 });
    expect(score.perVendor.get('y')).toMatchObject({ truePositives: 0, falsePositives: 1, falseNegatives: 2, precision: 0, recall: 0 });
    expect(score.perVendor.get('z')).toMatchObject({ truePositives: 0, falsePositives: 1, falseNegatives: 0, precision: 0, recall: 1 });
    expect(score.micro).toMatchObject({ truePositives: 2, falsePositives: 2, falseNegatives: 2, precision: 0.5, recall: 0.5 });
    expect(score.errors).toContainEqual({ id: 'd', vendor: 'z', kind: 'false positive' });
    expect(score.errors).toContainEqual({ id: 'c', vendor: 'y', kind: 'false negative' });
  });

  it('treats an unused vendor as perfect rather than undefined', () => {
    const score = scoreTagging([item('a', [])], () => [], ['x']);
    expect(score.perVendor.get('x')).toMatchObject({ precision: 1, recall: 1 });
  });
});
