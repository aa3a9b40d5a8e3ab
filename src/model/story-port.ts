/**
 * The story port: what story clustering (src/dedup, which owns every decision) needs from the store (src/store,
 * which owns the tables), as plain data. The store implements it over one transaction; the engine reads
 * candidates and writes its decisions through it and nothing else, so the store knows nothing of how stories
 * are decided and the engine nothing of SQL.
 */

/** A newly written (or rewritten) item, as the store hands it to story assignment. */
export interface StoryInput {
  itemId: number;
  sourceId: string;
  /** The instant it is ordered by (the earlier of published and first seen), epoch ms. */
  atMs: number;
  canonicalUrl: string | null;
  /** The link as published (its fragment tells items of one page apart). */
  url: string | null;
  title: string;
  text: string;
  /** Its features in stored form, when the dedup stage computed them before the write (see features-codec.ts). */
  features?: Uint8Array;
}

/** A stored item as the engine compares it. */
export interface StoryMember {
  itemId: number;
  storyId: number;
  sourceId: string;
  canonicalUrl: string | null;
  url: string | null;
  atMs: number;
  /** Stored features (features-codec.ts). */
  features: Uint8Array;
}

/** A stored item whose features are missing or of another version than the engine's (stored before it, or by an older one). */
export interface StaleItem extends Omit<StoryInput, 'features'> {
  /** The vendors it is about (its features weigh them). */
  about: string[];
}

/** Look up, for one index key, the stored items nearest an instant within a range, on each side. */
export interface KeyQuery {
  key: number;
  atMs: number;
  fromMs: number;
  toMs: number;
}

/** One stored item filed under the key of query `query`, and its instant. */
export interface KeyHit {
  query: number;
  itemId: number;
  atMs: number;
}

/** Why an item joined its story, for `explain`. */
export interface StoryMatchRecord {
  itemId: number;
  matchedItemId: number;
  rule: string;
  score: number;
  /** JSON of the evidence. */
  evidence: string;
}

/** The store as story clustering sees it, bound to one transaction (or, for reads only, to the database). */
export interface StoryPort {
  /** Per query, the `perSide` items nearest `atMs` on each side (at or before it; after it) within [fromMs, toMs]. */
  keyNeighbours(queries: readonly KeyQuery[], perSide: number): Promise<KeyHit[]>;
  /** Items with one of these canonical URLs, ordered within [fromMs, toMs] (at most `perUrl` each). */
  itemsWithUrls(urls: readonly string[], fromMs: number, toMs: number, perUrl: number): Promise<{ itemId: number; canonicalUrl: string }[]>;
  /** The given items and every other member of their stories (at most `perStory` per story, newest first), with features. */
  storyMembers(itemIds: readonly number[], perStory: number): Promise<StoryMember[]>;
  /** File items' features and index keys (`refile`: replacing the ones it had, for an item rewritten). */
  saveFeatures(rows: readonly { itemId: number; atMs: number; keys: readonly number[]; features: Uint8Array; refile: boolean }[]): Promise<void>;
  /**
   * Up to `limit` items ordered at or after `sinceMs`, with an id above `afterId`, whose stored features are absent or
   * were written by another version than `version` (the first byte of the stored form), in id order.
   */
  staleItems(version: number, sinceMs: number, afterId: number, limit: number): Promise<StaleItem[]>;
  /** Found one new story per item (each with that one item in it); returns each item's new story id. */
  foundStories(founders: readonly { itemId: number; atMs: number }[]): Promise<Map<number, number>>;
  /** Put items into stories. */
  setStories(assignments: ReadonlyMap<number, number>): Promise<void>;
  /** Merge stories: every item of `from` moves to `into`; `from` redirects to `into` from now on. */
  mergeStories(merges: readonly { from: number; into: number }[]): Promise<void>;
  /** Lock the rows of these stories for the rest of the transaction, in id order (concurrent writers queue). */
  lockStories(storyIds: readonly number[]): Promise<void>;
  /** The current story of each of these items. */
  storiesOf(itemIds: readonly number[]): Promise<Map<number, number>>;
  /** Recount these stories from their items (counts, sources, earliest instant, updated). */
  recountStories(storyIds: readonly number[]): Promise<void>;
  /** Record why items joined their stories (replacing what was recorded for them). */
  recordMatches(rows: readonly StoryMatchRecord[]): Promise<void>;
  /** Forget the recorded match of these items (they founded a story). */
  forgetMatches(itemIds: readonly number[]): Promise<void>;
}

/** Story assignment as the store calls it inside a fetch's transaction: new items and items whose content changed. */
export type StoryAssigner = (port: StoryPort, added: readonly StoryInput[], changed: readonly StoryInput[]) => Promise<void>;
