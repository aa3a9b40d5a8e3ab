import type { StoredFeatures } from './features-codec.js';
import type { StoryFeatures } from './story-features.js';
import { holds } from './sorted-sets.js';

/** A sorted term set with each term's weight (its IDF, times its count in the body), and the set's norm and total. */
export interface WeightedSet {
  terms: Uint32Array;
  weights: Float64Array;
  /** √Σ w²: the set's length as a vector, for cosines. */
  norm: number;
  /** Σ w. */
  total: number;
}

/** An item's term sets with their weights, computed once per item and reused for every pair it is in. */
export interface PreparedItem {
  features: StoryFeatures;
  title: WeightedSet;
  lead: WeightedSet;
  /** The headline's and lead's words that are neither names nor numbers: what it says happened. */
  event: WeightedSet;
  body: WeightedSet;
  names: WeightedSet;
  /** The names of the headline and lead: who the news is about, as opposed to who a long body also names. */
  leadNames: WeightedSet;
  titleNames: WeightedSet;
  amounts: WeightedSet;
}

function weighted(terms: Uint32Array, weightOf: (term: number) => number, counts?: Uint8Array): WeightedSet {
  const weights = new Float64Array(terms.length);
  let squares = 0;
  let total = 0;
  for (let i = 0; i < terms.length; i += 1) {
    const w = weightOf(terms[i] ?? 0) * (counts?.[i] ?? 1);
    weights[i] = w;
    squares += w * w;
    total += w;
  }
  return { terms, weights, norm: Math.sqrt(squares), total };
}

function leadNameTerms(f: StoryFeatures): Uint32Array {
  const out = new Set<number>();
  for (const set of [f.title, f.lead]) for (const t of set) if (holds(f.names, t)) out.add(t);
  for (const t of f.titleNames) out.add(t);
  const sorted = Uint32Array.from(out);
  sorted.sort();
  return sorted;
}

function eventTerms(f: StoryFeatures): Uint32Array {
  const numbers = new Set(f.titleNumbers);
  const out = new Set<number>();
  for (const set of [f.title, f.lead]) for (const t of set) if (!holds(f.names, t) && !numbers.has(t)) out.add(t);
  const sorted = Uint32Array.from(out);
  sorted.sort();
  return sorted;
}

const cache = new WeakMap<StoredFeatures, PreparedItem>();

/**
 * The weighted sets of an item. Words (headline, lead, body, event) weigh 1 plus their rarity (term-weights.ts) when
 * they are index keys, 1 otherwise: a common word is any word. Names and figures weigh their rarity alone (0 for a
 * term that is not a key or is common): sharing them is evidence only when few items could share them by chance.
 * The rarity of a key is what it was when the item was stored. Cached per stored features object.
 */
export function prepare(stored: StoredFeatures): PreparedItem {
  const hit = cache.get(stored);
  if (hit !== undefined) return hit;
  const { features, weights } = stored;
  const keys = features.keys;
  const rarityOf = (term: number): number => {
    let lo = 0;
    let hi = keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const key = keys[mid] ?? 0;
      if (key === term) return weights[mid] ?? 0;
      if (key < term) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  };
  const word = (term: number) => 1 + rarityOf(term);
  const prepared: PreparedItem = {
    features,
    title: weighted(features.title, word),
    lead: weighted(features.lead, word),
    event: weighted(eventTerms(features), word),
    body: weighted(features.body, word, features.bodyCounts),
    names: weighted(features.names, rarityOf),
    leadNames: weighted(leadNameTerms(features), rarityOf),
    titleNames: weighted(features.titleNames, rarityOf),
    amounts: weighted(features.amounts, rarityOf),
  };
  cache.set(stored, prepared);
  return prepared;
}

/** Σ over the terms both sets hold of the product of their weights (`product`) or of their mean. */
function shared(a: WeightedSet, b: WeightedSet, product: boolean): number {
  const ta = a.terms;
  const tb = b.terms;
  const wa = a.weights;
  const wb = b.weights;
  const na = ta.length;
  const nb = tb.length;
  let i = 0;
  let j = 0;
  let sum = 0;
  // The typed arrays are read within their lengths, so `?? 0` never applies; it only satisfies the checker.
  while (i < na && j < nb) {
    const x = ta[i] ?? 0;
    const y = tb[j] ?? 0;
    if (x === y) {
      const p = wa[i] ?? 0;
      const q = wb[j] ?? 0;
      sum += product ? p * q : (p + q) / 2;
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  return sum;
}

/** Cosine of two weighted sets. */
export function cosineOf(a: WeightedSet, b: WeightedSet): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  return Math.min(1, shared(a, b, true) / (a.norm * b.norm));
}

/** The weight both sets share, each shared term counted at the mean of its two weights. */
export function sharedWeightOf(a: WeightedSet, b: WeightedSet): number {
  return shared(a, b, false);
}

/** The share of `a`'s weight on terms that `b` or `c` holds. */
export function coverageOf(a: WeightedSet, b: Uint32Array, c: Uint32Array): number {
  if (a.total === 0) return 0;
  let covered = 0;
  for (let i = 0; i < a.terms.length; i += 1) {
    const t = a.terms[i] ?? 0;
    if (holds(b, t) || holds(c, t)) covered += a.weights[i] ?? 0;
  }
  return covered / a.total;
}
