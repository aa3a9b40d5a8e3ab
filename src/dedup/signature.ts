import { hashString, mix32, seeds } from './hash.js';
import type { ItemFeatures } from './features.js';

/**
 * The LSH layout. A band is `rows` MinHash values; two items become candidates when any band is equal, which for
 * sets of Jaccard similarity J happens with probability 1 - (1 - J^rows)^bands. Every candidate is verified
 * (compare.ts), so the bands are tuned for recall, and the candidate lookup is capped (see story-candidates).
 *
 * Names (8 bands of 1 value) over the names an item uses: proper nouns, product names, numbers. Two tellings of
 * one story, however reworded, name the same company, product, place and figures: name sets overlap by a third
 * or more (J ≥ 0.33: P ≥ 0.96). One band per value is what makes rewrites findable; the price is that two items
 * sharing only "AWS" among a dozen names also meet now and then (J ≈ 0.08: P ≈ 0.5), which the cap and the
 * ranking by matching bands absorb. Title words alone (tried first) missed a third of the same-story pairs of
 * the development set: "Amazon Web Services goes live in Querétaro" and "AWS opens Mexico (Central) region"
 * share no title word.
 * Body (8 bands of 2 values) over 3-word shingles: the same press-release paragraph or quote on two sites gives
 * J ≥ 0.3 (P ≥ 0.53; J ≥ 0.5: P ≥ 0.90), unrelated texts share well under 1% (P < 0.001).
 * 16 band keys per item; each is one row of `item_bands`, so this is also the index's size per item.
 */
export const NAME_BANDS = 8;
export const NAME_ROWS = 1;
export const BODY_BANDS = 8;
export const BODY_ROWS = 2;
const NAME_HASHES = NAME_BANDS * NAME_ROWS;
const BODY_HASHES = BODY_BANDS * BODY_ROWS;
const NAME_SEEDS = seeds(NAME_HASHES, 0x6e616d65);
const BODY_SEEDS = seeds(BODY_HASHES, 0x626f6479);
/** One name ("Update") or one shingle says too little to look for candidates with. */
const MIN_SET = 2;
const EMPTY = 0xffffffff;
const VERSION = 'mh1';

/** An item's near-duplicate signature: MinHash of its names and of its body shingles, with the set sizes. */
export interface Signature {
  names: Uint32Array;
  body: Uint32Array;
  nameCount: number;
  shingleCount: number;
}

function minHash(values: Iterable<number>, hashSeeds: Uint32Array): Uint32Array {
  const out = new Uint32Array(hashSeeds.length).fill(EMPTY);
  for (const value of values) {
    for (let i = 0; i < hashSeeds.length; i += 1) {
      const h = mix32(value ^ (hashSeeds[i] ?? 0));
      if (h < (out[i] ?? EMPTY)) out[i] = h;
    }
  }
  return out;
}

/** The signature of an item's features. */
export function signatureOf(features: ItemFeatures): Signature {
  return {
    names: minHash([...features.names].map(hashString), NAME_SEEDS),
    body: minHash(features.bodyShingles, BODY_SEEDS),
    nameCount: features.names.size,
    shingleCount: features.bodyShingles.size,
  };
}

/** The signature as stored in `items.fingerprint`: `mh1:<names>:<shingles>:<base64url of the 24 values>`. */
export function formatSignature(signature: Signature): string {
  const bytes = Buffer.alloc((NAME_HASHES + BODY_HASHES) * 4);
  signature.names.forEach((value, i) => bytes.writeUInt32LE(value, i * 4));
  signature.body.forEach((value, i) => bytes.writeUInt32LE(value, (NAME_HASHES + i) * 4));
  return `${VERSION}:${signature.nameCount}:${signature.shingleCount}:${bytes.toString('base64url')}`;
}

/** Read a stored fingerprint; undefined for null, another version or a damaged value. */
export function parseSignature(fingerprint: string | null | undefined): Signature | undefined {
  const parts = fingerprint?.split(':');
  if (parts?.length !== 4 || parts[0] !== VERSION) return undefined;
  const bytes = Buffer.from(parts[3] ?? '', 'base64url');
  const nameCount = Number(parts[1]);
  const shingleCount = Number(parts[2]);
  if (bytes.length !== (NAME_HASHES + BODY_HASHES) * 4 || !Number.isInteger(nameCount) || !Number.isInteger(shingleCount)) return undefined;
  const values = Array.from({ length: NAME_HASHES + BODY_HASHES }, (_, i) => bytes.readUInt32LE(i * 4));
  return {
    names: Uint32Array.from(values.slice(0, NAME_HASHES)),
    body: Uint32Array.from(values.slice(NAME_HASHES)),
    nameCount,
    shingleCount,
  };
}

/** A band key: the band's number above bit 32, a 32-bit hash of its values below (< 2^36: exact in a double and a bigint column). */
function bandKey(band: number, values: Uint32Array, from: number, rows: number): number {
  let h = mix32(band + 0x5bd1e995);
  for (let i = from; i < from + rows; i += 1) h = mix32(h ^ (values[i] ?? 0));
  return band * 2 ** 32 + h;
}

/** Which part of the signature a band key was cut from. */
export type BandKind = 'names' | 'body';

/** The kind and band number of a band key. */
export function describeBandKey(key: number): { kind: BandKind; band: number } {
  const band = Math.floor(key / 2 ** 32);
  return band < NAME_BANDS ? { kind: 'names', band } : { kind: 'body', band: band - NAME_BANDS };
}

/** The LSH band keys of a signature: name bands when it has two names or more, body bands when two shingles or more. */
export function bandKeys(signature: Signature): number[] {
  const keys: number[] = [];
  if (signature.nameCount >= MIN_SET) {
    for (let b = 0; b < NAME_BANDS; b += 1) keys.push(bandKey(b, signature.names, b * NAME_ROWS, NAME_ROWS));
  }
  if (signature.shingleCount >= MIN_SET) {
    for (let b = 0; b < BODY_BANDS; b += 1) keys.push(bandKey(NAME_BANDS + b, signature.body, b * BODY_ROWS, BODY_ROWS));
  }
  return keys;
}

/** Estimated Jaccard similarity of two items' name sets and shingle sets: the share of equal MinHash values. */
export function estimatedSimilarity(a: Signature, b: Signature): { names: number; body: number } {
  const share = (x: Uint32Array, y: Uint32Array, empty: boolean) => {
    if (empty) return 0;
    let equal = 0;
    for (let i = 0; i < x.length; i += 1) if (x[i] === y[i]) equal += 1;
    return equal / x.length;
  };
  return {
    names: share(a.names, b.names, a.nameCount === 0 || b.nameCount === 0),
    body: share(a.body, b.body, a.shingleCount === 0 || b.shingleCount === 0),
  };
}
