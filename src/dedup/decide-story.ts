import type { Comparable, PairVerdict } from './compare.js';
import { comparePair, measurePair, THRESHOLDS } from './compare.js';
import { isNumeric } from './tokens.js';

/** An already stored item that shares a band key or the canonical URL with the new one. */
export interface StoryCandidate extends Comparable {
  itemId: number;
  storyId: number;
}

/** One candidate as judged: the verdict against the new item. */
export interface JudgedCandidate {
  itemId: number;
  storyId: number;
  verdict: PairVerdict;
}

/** Where a new item goes: the story it joins (undefined: a story of its own) and why. */
export interface StoryDecision {
  storyId: number | undefined;
  /** The candidate that decided it (the best-scoring match), when the item joins a story. */
  match: JudgedCandidate | undefined;
  /** The headline repeats a title its source used before (a recurring column): it joins by URL only. */
  template: boolean;
  /** Every candidate, judged, best first. */
  judged: JudgedCandidate[];
}

/** A headline without its numbers: "Hosting news roundup: week of May 13" and "…May 6" have the same skeleton. */
function skeleton(item: Comparable): string {
  const words = [...item.features.titleTokens].filter((t) => !isNumeric(t)).sort();
  return words.length >= 2 ? words.join(' ') : '';
}

/**
 * A recurring headline: the same source published another article (another URL, another text) under the same
 * words. "Hosting news roundup: week of May 6" then "…May 13"; "Kernel prepatch 6.10-rc2" then "…rc3". The same
 * headline over the same text at a new URL is the same article moved, which the repost rule handles.
 */
function isTemplate(item: Comparable, candidates: readonly StoryCandidate[]): boolean {
  const shape = skeleton(item);
  if (shape === '') return false;
  return candidates.some((c) => c.sourceId === item.sourceId && c.canonicalUrl !== item.canonicalUrl && skeleton(c) === shape
    && measurePair(item, c).textContainment < THRESHOLDS.repost.containment);
}

/**
 * Decide the story of a new item from its candidates: judge each pair (compare.ts) and join the story of the
 * best-scoring match; with no match the item founds its own story. Stories are never merged with each other
 * here: a story's id stays stable once feeds have published it.
 */
export function decideStory(item: Comparable, candidates: readonly StoryCandidate[]): StoryDecision {
  const template = item.column === true || item.features.column || isTemplate(item, candidates);
  const subject: Comparable = { ...item, column: template };
  const judged = candidates
    .map((c) => ({ itemId: c.itemId, storyId: c.storyId, verdict: comparePair(subject, c) }))
    .sort((a, b) => b.verdict.score - a.verdict.score || a.itemId - b.itemId);
  const best = judged.find((j) => j.verdict.rule !== undefined);
  return { storyId: best?.storyId, match: best, template, judged };
}
