import type { StoredFeatures } from './features-codec.js';
import type { TermWeight } from './sorted-sets.js';

/**
 * How much a shared term says, learned from the stored corpus: the inverse document frequency of each of an
 * item's index keys among the items stored within the dedup window around it, computed when the item is stored
 * and kept with its features. A name in every item ("AWS" in a busy week) is little evidence; a name in two
 * items is a lot.
 *
 * The document frequency comes free with the candidate look-up, which reads, per key, the PER_SIDE items nearest
 * the item's instant on each side: when a side has fewer, that is the count; when it is full, the items are
 * dense there, and the count over the window is estimated from how much time those PER_SIDE items span (a
 * nearest-neighbour density estimate). So the cost stays bounded however common a key is.
 */
export const PER_SIDE = 16;
/** The weight of a term that is not an index key (body words): what an unweighted cosine would give it. */
export const DEFAULT_WEIGHT = 1;
/** No key weighs more than this (one in a million items). */
const MAX_WEIGHT = 14;

/** The estimated number of items filed under a key within ±windowMs of `atMs`, from its nearest neighbours on each side. */
export function documentFrequency(before: readonly number[], after: readonly number[], atMs: number, windowMs: number): number {
  const side = (instants: readonly number[]): number => {
    if (instants.length < PER_SIDE) return instants.length;
    const span = Math.max(60_000, ...instants.map((t) => Math.abs(t - atMs)));
    return Math.max(instants.length, (instants.length * windowMs) / span);
  };
  return side(before) + side(after);
}

/** Smoothed inverse document frequency of a key filed `df` times among `n` items. */
export function inverseFrequency(df: number, n: number): number {
  return Math.max(0, Math.min(MAX_WEIGHT, Math.log((n + 1) / (df + 0.5))));
}

/** The weight of one of an item's keys, or undefined when the term is not one of its keys. */
function keyWeight(stored: StoredFeatures, term: number): number | undefined {
  const keys = stored.features.keys;
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const key = keys[mid] ?? 0;
    if (key === term) return stored.weights[mid];
    if (key < term) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/**
 * The term weights two items are compared with: for a term that is a key of both, the mean of their stored
 * weights; of one, that one's; else DEFAULT_WEIGHT. Symmetric and a function of what is stored, so a pair gets the
 * same measure at ingest, in `explain`, and whichever of the two came first.
 */
export function pairWeight(a: StoredFeatures, b: StoredFeatures): TermWeight {
  const memo = new Map<number, number>();
  return (term) => {
    const hit = memo.get(term);
    if (hit !== undefined) return hit;
    const wa = keyWeight(a, term);
    const wb = keyWeight(b, term);
    const w = wa !== undefined && wb !== undefined ? (wa + wb) / 2 : wa ?? wb ?? DEFAULT_WEIGHT;
    memo.set(term, w);
    return w;
  };
}
