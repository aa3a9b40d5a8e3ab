import type { Timestamp } from './database.js';

/** One LSH band key of one item's near-duplicate signature (migration 0003). */
export interface ItemBandTable {
  /** Band number above bit 32, hash of the band's MinHash values below (see src/dedup/signature.ts). */
  band_key: number;
  /** The item's `sort_at` as epoch milliseconds. */
  sort_ms: number;
  item_id: number;
}

/** Why an item joined the story it is in: the item it matched, the rule, the score and the measured evidence. */
export interface StoryMatchTable {
  item_id: number;
  matched_item_id: number;
  /** A dedup MatchRule: same-url, repost, same-text, shared-text, same-headline. */
  rule: string;
  score: number;
  /** JSON of the dedup PairEvidence. */
  evidence: string;
  decided_at: Timestamp;
}
