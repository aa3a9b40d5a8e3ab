/** `feedloom explain`'s view of one stored item: its candidates found and judged exactly as ingest finds and judges them. */
import type { StoryPort } from '../model/story-port.js';
import { cachedJudge, memberOf } from './members.js';
import { judgeStories } from './story-decision.js';
import type { Member, StoryJudgement } from './story-decision.js';
import { MEMBERS_PER_STORY, PER_URL, rankCandidates } from './story-engine.js';
import type { StoryOptions } from './story-engine.js';
import { STORY_MODEL } from './story-model.js';
import { PER_SIDE } from './term-weights.js';

/** Why an item is where it is, judged now with the same search and scoring as ingest (`feedloom explain`). */
export interface StoryExplanation {
  itemId: number;
  storyId: number;
  /** The item's index keys with the weight each had when the item was stored, and how many items share it nearby. */
  keys: { key: number; weight: number; neighbours: number }[];
  /** Every candidate story (its own included), judged against the item, best first. */
  judged: StoryJudgement[];
  threshold: number;
}

/**
 * Explain one stored item: its keys, its candidates found through the index as ingest finds them, and each
 * candidate story judged with the item's stored features and weights (undefined: no such item, or no features).
 */
export async function explainItem(port: StoryPort, itemId: number, options: StoryOptions): Promise<StoryExplanation | undefined> {
  const threshold = options.threshold ?? STORY_MODEL.threshold;
  const own = await port.storyMembers([itemId], MEMBERS_PER_STORY);
  const row = own.find((r) => r.itemId === itemId);
  const subject = row === undefined ? undefined : memberOf(row);
  if (row === undefined || subject === undefined) return undefined;
  const keys = [...subject.stored.features.keys];
  const hits = keys.length === 0 ? [] : await port.keyNeighbours(keys.map((key) => ({ key, atMs: row.atMs, fromMs: row.atMs - options.windowMs, toMs: row.atMs + options.windowMs })), PER_SIDE);
  const others = hits.filter((h) => h.itemId !== itemId);
  const score = new Map<number, number>();
  for (const hit of others) score.set(hit.itemId, (score.get(hit.itemId) ?? 0) + 1 + (subject.stored.weights[hit.query] ?? 0));
  const ranked = rankCandidates(score);
  const urlMates = row.canonicalUrl === null ? [] : await port.itemsWithUrls([row.canonicalUrl], row.atMs - options.windowMs, row.atMs + options.windowMs, PER_URL);
  const members = await port.storyMembers([itemId, ...urlMates.map((u) => u.itemId), ...ranked], MEMBERS_PER_STORY);
  const stories = new Map<number, Member[]>();
  for (const m of members) {
    if (m.itemId === itemId) continue;
    const member = memberOf(m);
    if (member !== undefined) stories.set(m.storyId, [...(stories.get(m.storyId) ?? []), member]);
  }
  return {
    itemId, storyId: row.storyId, threshold, judged: judgeStories(subject, stories, cachedJudge(options.model), options.windowMs),
    keys: keys.map((key, i) => ({ key, weight: subject.stored.weights[i] ?? 0, neighbours: others.filter((h) => h.query === i).length })),
  };
}
