import type { Timestamp } from './database.js';

/** An item's story features in stored form (src/dedup/features-codec.ts), written when the item is (migration 0008). */
export interface ItemFeatureTable {
  item_id: number;
  data: Uint8Array;
}

/** One index key of one item: what story candidates are found by (migration 0008). */
export interface ItemKeyTable {
  /** A 32-bit term hash (see src/dedup/story-features.ts). */
  key: number;
  /** The item's `sort_at` as epoch milliseconds. */
  sort_ms: number;
  item_id: number;
}

/** A story merged into another: requests for it are redirected (migration 0008). */
export interface StoryRedirectTable {
  from_id: number;
  to_id: number;
  merged_at: Timestamp;
}

/** Why an item joined the story it is in: the item it matched best, the rule, the score and the measured evidence. */
export interface StoryMatchTable {
  item_id: number;
  matched_item_id: number;
  /** A dedup pair rule: same-url, repost, score. */
  rule: string;
  score: number;
  /** JSON of the measured evidence. */
  evidence: string;
  decided_at: Timestamp;
}
