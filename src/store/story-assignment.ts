import type { Transaction } from 'kysely';
import { bandKeys, decideStory, isArticleUrl, itemFeatures, MAX_TEXT_CHARS, parseSignature, signatureOf } from '../dedup/index.js';
import type { ItemFeatures, StoryCandidate, StoryDecision } from '../dedup/index.js';
import type { Database, Timestamp } from './database.js';
import { chunks } from './chunks.js';
import { bandHits, deleteBands, insertBands } from './item-bands.js';
import { createStories, lockStories, recountStories, setItemStories, setOwnStories, storiesOfItems } from './stories.js';

/** The dedup window when the caller does not give one (the config's default, `dedup.window`). */
export const DEFAULT_DEDUP_WINDOW_MS = 7 * 24 * 3_600_000;
/**
 * Candidates verified per new item, the ones sharing the most band keys first. With the per-key bound on the
 * look-up (`ITEMS_PER_KEY`), what keeps the cost per item flat however many items share a common name ("AWS")
 * in a busy week. A story's own tellings share the most keys.
 */
export const MAX_CANDIDATES = 32;
const MAX_SAME_URL = 16;

/**
 * Features of recently compared items, by id and content hash (a changed item gets a new entry): a busy story's
 * items are candidates for every new telling, and reading their text and computing their features again is
 * most of the cost of a new item. A per-process cache of a pure function, so several workers can each keep one.
 */
const FEATURES_CACHED = 4_096;
const featureCache = new Map<string, ItemFeatures>();

function cachedFeatures(key: string): ItemFeatures | undefined {
  const hit = featureCache.get(key);
  if (hit !== undefined) {
    // Re-insert: Map keeps insertion order, so the oldest entry is always the first to go.
    featureCache.delete(key);
    featureCache.set(key, hit);
  }
  return hit;
}

function cacheFeatures(key: string, features: ItemFeatures): void {
  featureCache.set(key, features);
  if (featureCache.size > FEATURES_CACHED) featureCache.delete(featureCache.keys().next().value ?? key);
}

/** An item written by this fetch, as story assignment needs it. */
export interface StoryInput {
  itemId: number;
  sourceId: string;
  sortAt: Timestamp;
  canonicalUrl: string | null;
  title: string;
  text: string;
  /** Null: the dedup stage did not run for this item; it founds a story of its own and files no band keys. */
  fingerprint: string | null;
  /** Its features when the caller already computed them (from the same title and text). */
  features?: ItemFeatures;
  /** Its content hash: with the id, what its features are cached under for the items that will find it as a candidate. */
  contentHash?: string;
}

/** Options of `assignStories`. */
export interface AssignOptions {
  /** Only items whose ordering instants are this close can share a story. */
  windowMs: number;
  now: Timestamp;
}

interface Assigned {
  item: StoryInput;
  decision: StoryDecision;
}

const iso = (ms: number) => new Date(Math.max(0, ms)).toISOString();

/** Other items with the same canonical URL within the window. */
async function sameUrl(trx: Transaction<Database>, item: StoryInput, fromMs: number, toMs: number): Promise<number[]> {
  if (!isArticleUrl(item.canonicalUrl)) return [];
  const rows = await trx.selectFrom('items').select('id')
    .where('canonical_url', '=', item.canonicalUrl).where('id', '!=', item.itemId)
    .where('sort_at', '>=', iso(fromMs)).where('sort_at', '<=', iso(toMs))
    .orderBy('id').limit(MAX_SAME_URL).execute();
  return rows.map((r) => Number(r.id));
}

/** The features of the given items: from the cache, else from their title and text (cut as the features read it). */
async function featuresOf(trx: Transaction<Database>, rows: readonly { id: number; content_hash: string }[]): Promise<Map<number, ItemFeatures>> {
  const out = new Map<number, ItemFeatures>();
  const missing: number[] = [];
  const keyOf = new Map(rows.map((r) => [Number(r.id), `${r.id}:${r.content_hash}`]));
  for (const [id, key] of keyOf) {
    const hit = cachedFeatures(key);
    if (hit === undefined) missing.push(id);
    else out.set(id, hit);
  }
  if (missing.length === 0) return out;
  const texts = await trx.selectFrom('items')
    .select((eb) => ['id', 'title', eb.fn<string>('substr', ['text', eb.val(1), eb.val(MAX_TEXT_CHARS)]).as('text')])
    .where('id', 'in', missing)
    .execute();
  for (const row of texts) {
    const features = itemFeatures({ title: row.title, text: row.text });
    out.set(Number(row.id), features);
    cacheFeatures(keyOf.get(Number(row.id)) ?? '', features);
  }
  return out;
}

/** The candidates, judged by their features; items of this write not yet decided are left out. */
async function candidates(trx: Transaction<Database>, ids: number[], decided: ReadonlyMap<number, number>): Promise<StoryCandidate[]> {
  if (ids.length === 0) return [];
  const rows = await trx.selectFrom('items')
    .select(['id', 'source_id', 'story_id', 'canonical_url', 'content_hash'])
    .where('id', 'in', ids)
    .execute();
  const open = rows.filter((row) => decided.has(Number(row.id)) || row.story_id !== null);
  const features = await featuresOf(trx, open);
  return open.flatMap((row) => {
    const storyId = decided.get(Number(row.id)) ?? Number(row.story_id);
    const f = features.get(Number(row.id));
    return f === undefined ? [] : [{ itemId: Number(row.id), storyId, sourceId: row.source_id, canonicalUrl: row.canonical_url, features: f }];
  });
}

/** Decide one new item's story and file its band keys (so that the next items of this write can find it). */
async function assignOne(trx: Transaction<Database>, item: StoryInput, windowMs: number, decided: ReadonlyMap<number, number>): Promise<StoryDecision | undefined> {
  if (item.fingerprint === null) return undefined;
  const features = item.features ?? itemFeatures(item);
  if (item.contentHash !== undefined) cacheFeatures(`${item.itemId}:${item.contentHash}`, features);
  const keys = bandKeys(parseSignature(item.fingerprint) ?? signatureOf(features));
  const sortMs = Date.parse(item.sortAt);
  const fromMs = sortMs - windowMs;
  const toMs = sortMs + windowMs;
  const hits = await bandHits(trx, keys, { fromMs, toMs, atMs: sortMs }, MAX_CANDIDATES);
  const ids = [...new Set([...hits.map((h) => h.itemId), ...(await sameUrl(trx, item, fromMs, toMs))])].filter((id) => id !== item.itemId);
  const decision = decideStory({ features, sourceId: item.sourceId, canonicalUrl: item.canonicalUrl }, await candidates(trx, ids, decided));
  await insertBands(trx, [{ itemId: item.itemId, sortMs, keys }]);
  return decision;
}

/**
 * Give every new item a story, inside the fetch's transaction: join the best-matching story within the window
 * (src/dedup decides), else found one. Then keep the stories right: counts, sources, earliest instant,
 * `updated_at` — for joined stories and for the stories of `changed` items (which stay in their story, with
 * their band keys refiled for their new content). Items are decided in order, so an item can join a story
 * founded earlier in the same fetch. The story rows to change are locked in id order first (see lockStories).
 * Two workers storing two tellings of one story at the same instant cannot see each other's uncommitted items:
 * each founds a story and the two stay apart — a missed merge, never a wrong count.
 */
export async function assignStories(
  trx: Transaction<Database>,
  added: readonly StoryInput[],
  changed: readonly StoryInput[],
  options: AssignOptions,
): Promise<void> {
  const decided = new Map<number, number>();
  const assigned: Assigned[] = [];
  const founders: StoryInput[] = [];
  for (const item of added) {
    const decision = await assignOne(trx, item, options.windowMs, decided);
    const storyId = decision?.storyId;
    decided.set(item.itemId, storyId ?? item.itemId);
    if (decision !== undefined && storyId !== undefined) assigned.push({ item, decision });
    else founders.push(item);
  }
  await createStories(trx, founders.map((f) => ({ itemId: f.itemId, sortAt: f.sortAt })), options.now);
  const foundersSet = new Set(founders.map((f) => f.itemId));
  const joined = assigned.map((a) => decided.get(a.item.itemId) ?? a.item.itemId);
  const touched = await storiesOfItems(trx, changed.map((c) => c.itemId));
  await lockStories(trx, [...joined.filter((id) => !foundersSet.has(id)), ...touched]);
  await setOwnStories(trx, founders.map((f) => f.itemId));
  const members = new Map<number, number[]>();
  for (const { item } of assigned) {
    const storyId = decided.get(item.itemId) ?? item.itemId;
    members.set(storyId, [...(members.get(storyId) ?? []), item.itemId]);
  }
  await setItemStories(trx, members);
  await recountStories(trx, [...joined, ...touched], options.now);
  await recordMatches(trx, assigned, options.now);
  await refileChanged(trx, changed);
}

async function recordMatches(trx: Transaction<Database>, assigned: readonly Assigned[], now: Timestamp): Promise<void> {
  const rows = assigned.flatMap(({ item, decision }) => decision.match?.verdict.rule === undefined ? [] : [{
    item_id: item.itemId, matched_item_id: decision.match.itemId, rule: decision.match.verdict.rule,
    score: decision.match.verdict.score, evidence: JSON.stringify(decision.match.verdict.evidence), decided_at: now,
  }]);
  for (const batch of chunks(rows, 200)) await trx.insertInto('story_matches').values(batch).execute();
}

/** Changed items keep their story; their band keys follow their new content and instant. */
async function refileChanged(trx: Transaction<Database>, changed: readonly StoryInput[]): Promise<void> {
  if (changed.length === 0) return;
  await deleteBands(trx, changed.map((c) => c.itemId));
  await insertBands(trx, changed.flatMap((c) => {
    if (c.fingerprint === null) return [];
    const signature = parseSignature(c.fingerprint) ?? signatureOf(itemFeatures(c));
    return [{ itemId: c.itemId, sortMs: Date.parse(c.sortAt), keys: bandKeys(signature) }];
  }));
}
