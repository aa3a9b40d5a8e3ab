import { describe, expect, it } from 'vitest';
import { clusterNeighbourhood } from '../../src/dedup/neighbourhood.js';
import type { PairVerdict } from '../../src/dedup/index.js';
import type { Judge, Member } from '../../src/dedup/story-decision.js';

const member = (itemId: number): Member => ({ itemId, sourceId: `s${itemId}`, canonicalUrl: null, fragment: null, atMs: 0, stored: { features: {} as never, weights: new Float64Array(0) } });
const judgeFrom = (table: Record<string, number>, definite: string[] = []): Judge => (a, b) => {
  const key = a.itemId < b.itemId ? `${a.itemId}-${b.itemId}` : `${b.itemId}-${a.itemId}`;
  return { probability: table[key] ?? 0, rule: definite.includes(key) ? 'same-url' : 'score', features: {} as never, vetoes: {} as never } satisfies PairVerdict;
};
const all = (ids: number[]) => ids.flatMap((a, i) => ids.slice(i + 1).map((b) => [a, b] as const));

describe('clusterNeighbourhood', () => {
  it('merges by mean probability: three tellings together, the review that resembles one of them apart', () => {
    // 1, 2, 3 tell one launch; 4 is a review close to 3 alone.
    const judge = judgeFrom({ '1-2': 0.9, '1-3': 0.8, '2-3': 0.85, '3-4': 0.7, '1-4': 0.1, '2-4': 0.1 });
    expect(clusterNeighbourhood([1, 2, 3, 4].map(member), all([1, 2, 3, 4]), judge, { threshold: 0.5, windowMs: 1 })).toEqual([[1, 2, 3], [4]]);
  });

  it('does not chain: one strong link between two tight stories is not enough to join them', () => {
    const judge = judgeFrom({ '1-2': 0.9, '3-4': 0.9, '2-3': 0.8 });
    expect(clusterNeighbourhood([1, 2, 3, 4].map(member), all([1, 2, 3, 4]), judge, { threshold: 0.5, windowMs: 1 })).toEqual([[1, 2], [3, 4]]);
  });

  it('keeps the same article together whatever the averages say, and judges only linked pairs', () => {
    const judge = judgeFrom({ '1-2': 0.99, '1-3': 0.9 }, ['1-2']);
    expect(clusterNeighbourhood([1, 2, 3].map(member), [[1, 2]], judge, { threshold: 0.5, windowMs: 1 })).toEqual([[1, 2], [3]]);
  });

  it('gives the same clusters whatever order the items and links come in', () => {
    const table = { '1-2': 0.9, '2-3': 0.6, '1-3': 0.55, '3-4': 0.4, '4-5': 0.95, '1-5': 0.2 };
    const ids = [1, 2, 3, 4, 5];
    const once = clusterNeighbourhood(ids.map(member), all(ids), judgeFrom(table), { threshold: 0.5, windowMs: 1 });
    const reversed = clusterNeighbourhood([...ids].reverse().map(member), all(ids).reverse(), judgeFrom(table), { threshold: 0.5, windowMs: 1 });
    expect(reversed).toEqual(once);
    expect(once).toEqual([[1, 2, 3], [4, 5]]);
  });
});
