import { itemFeatures } from './features.js';
import type { ItemFeatures, ItemText } from './features.js';
import { formatSignature, signatureOf } from './signature.js';

/** The near-duplicate signature of an item, as stored in `items.fingerprint`, and the features it was computed from. */
export function fingerprintWithFeatures(item: ItemText): { fingerprint: string; features: ItemFeatures } {
  const features = itemFeatures(item);
  return { fingerprint: formatSignature(signatureOf(features)), features };
}

/** The near-duplicate signature of an item, as stored in `items.fingerprint`. */
export function fingerprintOf(item: ItemText): string {
  return fingerprintWithFeatures(item).fingerprint;
}
