import type { StoryFeatures } from './story-features.js';

/**
 * The near-duplicate signature stored in `items.fingerprint`: `sk1:` and the four smallest hashes of the body's
 * shingles (the head of its bottom-k sketch, see story-features.ts) in hex. Two items with the same signature very
 * likely open with the same text; story clustering itself compares the whole stored features.
 */
export function fingerprintOf(features: StoryFeatures): string {
  const head = [...features.sketch.subarray(0, 4)].map((h) => h.toString(16).padStart(8, '0')).join('');
  return `sk1:${features.shingleCount}:${head}`;
}
