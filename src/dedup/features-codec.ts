import type { Genre, StoryFeatures } from './story-features.js';

/**
 * The stored form of an item's story features: one compact binary value (about a kilobyte), written once when the
 * item is stored and read back whenever the item is a candidate, so verifying a candidate never re-reads its text
 * or recomputes anything. Little-endian; the layout:
 *
 *   u8 version · u8 flags (bit 0 column, bits 1–2 genre) · u32 shingle count · u32 headline skeleton · u32 template
 *   then for each term set, in FIELD order: u16 length, length × u32
 *   u8 × body length (the body's term counts) · u8 × key count (the keys' weights, idf × 16)
 *
 * A value of another version, or damaged, decodes to undefined: the item is then compared by nothing and found
 * by nothing, as if it had no text, until its features are computed again.
 */
export const FEATURES_VERSION = 1;

const FIELDS = ['title', 'lead', 'body', 'titleNames', 'names', 'subjects', 'amounts', 'titleAmounts', 'titleVersions', 'versions', 'cves', 'about', 'titleNumbers', 'sketch', 'keys'] as const;
const GENRES: readonly Genre[] = ['news', 'interview', 'review', 'opinion'];
const HEADER = 14;
/** Weights are kept to 1/16: finer than any decision depends on. */
const WEIGHT_SCALE = 16;

/** Story features as stored: the features, and the weight of each of its index keys when it was stored. */
export interface StoredFeatures {
  features: StoryFeatures;
  /** The weight (IDF) of each key, aligned with `features.keys`. */
  weights: Float64Array;
}

/** Encode features, keys and key weights into their stored form. */
export function encodeFeatures(stored: StoredFeatures): Uint8Array {
  const { features, weights } = stored;
  const keys = features.keys;
  const words = FIELDS.reduce((n, field) => n + features[field].length, 0);
  const bytes = new Uint8Array(HEADER + FIELDS.length * 2 + words * 4 + features.body.length + keys.length);
  const view = new DataView(bytes.buffer);
  let at = 0;
  view.setUint8(at, FEATURES_VERSION);
  view.setUint8(at + 1, (features.column ? 1 : 0) | (Math.max(0, GENRES.indexOf(features.genre)) << 1));
  view.setUint32(at + 2, features.shingleCount, true);
  view.setUint32(at + 6, features.skeleton >>> 0, true);
  view.setUint32(at + 10, features.template >>> 0, true);
  at += HEADER;
  const putSet = (set: Uint32Array) => {
    view.setUint16(at, set.length, true);
    at += 2;
    for (const value of set) {
      view.setUint32(at, value, true);
      at += 4;
    }
  };
  for (const field of FIELDS) putSet(features[field]);
  bytes.set(features.bodyCounts.subarray(0, features.body.length), at);
  at += features.body.length;
  for (let i = 0; i < keys.length; i += 1) bytes[at + i] = Math.max(0, Math.min(255, Math.round((weights[i] ?? 0) * WEIGHT_SCALE)));
  return bytes;
}

/**
 * Decode a stored value; undefined for another version or a damaged value. Every term set is a view into one
 * array (one allocation per item, not one per set): a story's members are decoded by the thousand and kept in a
 * cache, where thousands of small buffers cost the collector more than their bytes.
 */
export function decodeFeatures(bytes: Uint8Array): StoredFeatures | undefined {
  if (bytes.length < HEADER || bytes[0] !== FEATURES_VERSION) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // First the lengths (and that they fit), then one array for every set's terms.
  const starts: number[] = [];
  const lengths: number[] = [];
  let at = HEADER;
  let words = 0;
  for (let f = 0; f < FIELDS.length; f += 1) {
    if (at + 2 > bytes.length) return undefined;
    const length = view.getUint16(at, true);
    at += 2;
    if (at + length * 4 > bytes.length) return undefined;
    starts.push(at);
    lengths.push(length);
    words += length;
    at += length * 4;
  }
  const terms = new Uint32Array(words);
  const sets: Partial<Record<(typeof FIELDS)[number], Uint32Array>> = {};
  let offset = 0;
  FIELDS.forEach((field, f) => {
    const start = starts[f] ?? 0;
    const length = lengths[f] ?? 0;
    for (let i = 0; i < length; i += 1) terms[offset + i] = view.getUint32(start + i * 4, true);
    sets[field] = terms.subarray(offset, offset + length);
    offset += length;
  });
  const set = (field: (typeof FIELDS)[number]) => sets[field] ?? new Uint32Array(0);
  const body = set('body');
  const keys = set('keys');
  if (at + body.length + keys.length !== bytes.length) return undefined;
  const bodyCounts = bytes.slice(at, at + body.length);
  at += body.length;
  const weights = Float64Array.from(bytes.subarray(at, at + keys.length), (w) => w / WEIGHT_SCALE);
  const flags = view.getUint8(1);
  return {
    features: {
      title: set('title'), lead: set('lead'), body, bodyCounts, titleNames: set('titleNames'), names: set('names'), subjects: set('subjects'),
      amounts: set('amounts'), titleAmounts: set('titleAmounts'), titleVersions: set('titleVersions'), versions: set('versions'),
      cves: set('cves'), about: set('about'), titleNumbers: set('titleNumbers'), skeleton: view.getUint32(6, true), template: view.getUint32(10, true), sketch: set('sketch'), keys, shingleCount: view.getUint32(2, true),
      column: (flags & 1) === 1, genre: GENRES[(flags >> 1) & 3] ?? 'news',
    },
    weights,
  };
}
