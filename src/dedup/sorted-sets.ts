/** Operations on sorted, repeat-free arrays of 32-bit term hashes (the form StoryFeatures keeps its sets in). */

/** Term weights: how much a shared term says (an IDF); `1` for every term when no statistics are known. */
export type TermWeight = (term: number) => number;

/** The sum of `weight` over the terms both sorted sets hold. */
export function sharedWeight(a: Uint32Array, b: Uint32Array, weight: TermWeight): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x === y) {
      sum += weight(x);
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  return sum;
}

/** How many terms both sorted sets hold. */
export function sharedCount(a: Uint32Array, b: Uint32Array): number {
  return sharedWeight(a, b, () => 1);
}

/** The sum of `weight` over a set's terms. */
export function totalWeight(a: Uint32Array, weight: TermWeight): number {
  let sum = 0;
  for (const x of a) sum += weight(x);
  return sum;
}

/** Whether a sorted set holds `term`. */
export function holds(a: Uint32Array, term: number): boolean {
  let lo = 0;
  let hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = a[mid] ?? 0;
    if (x === term) return true;
    if (x < term) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** The weight of the terms of `a` that `b` (or `c`) holds, over the weight of `a`: how much of `a` the other side covers. */
export function coverage(a: Uint32Array, b: Uint32Array, weight: TermWeight, c?: Uint32Array): number {
  let covered = 0;
  let total = 0;
  for (const x of a) {
    const w = weight(x);
    total += w;
    if (holds(b, x) || (c !== undefined && holds(c, x))) covered += w;
  }
  return total === 0 ? 0 : covered / total;
}

/** Cosine of two weighted term sets (each term's weight squared: a set as a vector of IDF weights). */
export function cosine(a: Uint32Array, b: Uint32Array, weight: TermWeight): number {
  const wa = Math.sqrt(totalWeight(a, (t) => weight(t) ** 2));
  const wb = Math.sqrt(totalWeight(b, (t) => weight(t) ** 2));
  if (wa === 0 || wb === 0) return 0;
  return sharedWeight(a, b, (t) => weight(t) ** 2) / (wa * wb);
}

/** Cosine of two term-frequency vectors weighted by `weight` (tf·idf), the terms sorted with their counts alongside. */
export function weightedCosine(a: Uint32Array, ac: Uint8Array, b: Uint32Array, bc: Uint8Array, weight: TermWeight): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  let i = 0;
  let j = 0;
  for (let k = 0; k < a.length; k += 1) na += ((ac[k] ?? 1) * weight(a[k] ?? 0)) ** 2;
  for (let k = 0; k < b.length; k += 1) nb += ((bc[k] ?? 1) * weight(b[k] ?? 0)) ** 2;
  if (na === 0 || nb === 0) return 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x === y) {
      const w = weight(x) ** 2;
      dot += (ac[i] ?? 1) * (bc[j] ?? 1) * w;
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  return dot / Math.sqrt(na * nb);
}

/**
 * The share of the smaller set's shingles that the other has, estimated from two bottom-k sketches: the k smallest
 * hashes of the union are a uniform sample of it, and the share of those in both sets estimates the Jaccard
 * similarity J; then |A ∩ B| = J (|A| + |B|) / (1 + J).
 */
export function sketchContainment(a: Uint32Array, aCount: number, b: Uint32Array, bCount: number, k: number): number {
  if (aCount === 0 || bCount === 0) return 0;
  let i = 0;
  let j = 0;
  let seen = 0;
  let both = 0;
  while (seen < k && (i < a.length || j < b.length)) {
    const x = i < a.length ? a[i] ?? 0 : Infinity;
    const y = j < b.length ? b[j] ?? 0 : Infinity;
    if (x === y) {
      both += 1;
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
    seen += 1;
  }
  if (seen === 0) return 0;
  const jaccard = both / seen;
  const intersection = (jaccard * (aCount + bCount)) / (1 + jaccard);
  return Math.min(1, intersection / Math.min(aCount, bCount));
}
