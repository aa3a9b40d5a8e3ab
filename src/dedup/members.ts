/** Stored items as the story engine compares them: decoded (and cached) features, and a cached pair judge. */
import type { StoryMember } from '../model/story-port.js';
import { decodeFeatures } from './features-codec.js';
import type { StoredFeatures } from './features-codec.js';
import { judgePair } from './pair-score.js';
import type { PairVerdict } from './pair-score.js';
import type { Judge, Member } from './story-decision.js';
import type { StoryOptions } from './story-engine.js';

/** The fragment of a link ("#v2"), which tells items of one page apart; null without one. */
export function fragmentOf(url: string | null): string | null {
  if (url === null) return null;
  const at = url.indexOf('#');
  return at < 0 || at === url.length - 1 ? null : url.slice(at + 1);
}

/**
 * Decoded features of stored items, by item id and a checksum of the stored bytes (a rewritten item gets a new
 * entry): a story's members are read again by every fetch whose items are candidates of it, and decoding and
 * weighing their sets again costs more than a look-up. A per-process cache of a pure function, bounded.
 */
const DECODED_CACHED = 4_000;
const decoded = new Map<string, StoredFeatures>();

function checksum(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i += 1) h = Math.imul(h ^ (bytes[i] ?? 0), 0x01000193);
  return h >>> 0;
}

function decodedFeatures(itemId: number, bytes: Uint8Array): StoredFeatures | undefined {
  const key = `${itemId}:${bytes.length}:${checksum(bytes)}`;
  const hit = decoded.get(key);
  if (hit !== undefined) return hit;
  const stored = decodeFeatures(bytes);
  if (stored === undefined) return undefined;
  if (decoded.size >= DECODED_CACHED) decoded.delete(decoded.keys().next().value ?? key);
  decoded.set(key, stored);
  return stored;
}

export function memberOf(row: StoryMember): Member | undefined {
  const stored = decodedFeatures(row.itemId, row.features);
  if (stored === undefined) return undefined;
  return { itemId: row.itemId, sourceId: row.sourceId, canonicalUrl: row.canonicalUrl, fragment: fragmentOf(row.url), atMs: row.atMs, stored };
}

/** A cached pair judge for one assignment run. */
export function cachedJudge(model: StoryOptions['model']): Judge {
  const cache = new Map<string, PairVerdict>();
  return (a, b) => {
    const key = a.itemId < b.itemId ? `${a.itemId}:${b.itemId}` : `${b.itemId}:${a.itemId}`;
    let verdict = cache.get(key);
    if (verdict === undefined) {
      verdict = a.itemId < b.itemId ? judgePair(a, b, model) : judgePair(b, a, model);
      cache.set(key, verdict);
    }
    return verdict;
  };
}

