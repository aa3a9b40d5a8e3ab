import { describe, expect, it } from 'vitest';
import { pairwiseScore } from './cluster-metrics.js';

describe('pairwiseScore', () => {
  it('counts pairs: one false merge and one missed merge', () => {
    const score = pairwiseScore([
      { id: 'a1', predicted: 1, label: 'a' },
      { id: 'a2', predicted: 1, label: 'a' },
      { id: 'a3', predicted: 2, label: 'a' },
      { id: 'b1', predicted: 2, label: 'b' },
    ]);
    // labelled pairs: a1a2, a1a3, a2a3; predicted pairs: a1a2, a3b1.
    expect([score.truePositives, score.falsePositives, score.falseNegatives]).toEqual([1, 1, 2]);
    expect(score.precision).toBe(0.5);
    expect(score.recall).toBeCloseTo(1 / 3);
    expect(score.errors).toContainEqual({ kind: 'false merge', a: 'a3', b: 'b1' });
  });

  it('is perfect for singletons labelled as singletons', () => {
    const score = pairwiseScore([{ id: 'x', predicted: 1, label: 'x' }, { id: 'y', predicted: 2, label: 'y' }]);
    expect([score.precision, score.recall]).toEqual([1, 1]);
  });
});
