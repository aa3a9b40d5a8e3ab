/** Operations on sorted, repeat-free arrays of 32-bit term hashes (the form StoryFeatures keeps its sets in). */

/** How many terms both sorted sets hold. */
export function sharedCount(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let count = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x === y) {
      count += 1;
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  return count;
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
