import { itemFeatures } from './features.js';
import type { ItemText } from './features.js';
import { formatSignature, signatureOf } from './signature.js';

/** The near-duplicate signature of an item, as stored in `items.fingerprint`. */
export function fingerprintOf(item: ItemText): string {
  return formatSignature(signatureOf(itemFeatures(item)));
}
