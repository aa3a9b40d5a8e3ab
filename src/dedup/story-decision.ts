import type { PairVerdict, ScoredItem } from './pair-score.js';

/** A stored (or just decided) item with its id, as a member of a story. */
export interface Member extends ScoredItem {
  itemId: number;
}

/** How the new item measures against one story: every member within the window, judged. */
export interface StoryJudgement {
  storyId: number;
  /** The mean same-story probability over the members within the window. */
  mean: number;
  /** A member is the same article or a repost of it. */
  definite: boolean;
  /** The member judged closest, and its verdict. */
  best: { itemId: number; verdict: PairVerdict } | undefined;
  members: { itemId: number; verdict: PairVerdict }[];
}

/** Pair judgements, cached: the same pair is judged once however often it comes up. */
export type Judge = (a: Member, b: Member) => PairVerdict;

/** An item judged against some members: each verdict, their mean same-story probability, and the closest (undefined when none). */
export function judgeMembers(subject: Member, members: readonly Member[], judge: Judge): Omit<StoryJudgement, 'storyId'> {
  const verdicts = members.map((m) => ({ itemId: m.itemId, verdict: judge(subject, m) }));
  const mean = verdicts.length === 0 ? 0 : verdicts.reduce((sum, v) => sum + v.verdict.probability, 0) / verdicts.length;
  const best = [...verdicts].sort((a, b) => b.verdict.probability - a.verdict.probability || a.itemId - b.itemId)[0];
  const definite = verdicts.some((v) => v.verdict.rule === 'same-url' || v.verdict.rule === 'repost');
  return { mean, definite, best, members: verdicts };
}

/**
 * Judge an item against each story it might belong to: every member within the dedup window, and their mean
 * same-story probability — the average linkage that clustering decides by (neighbourhood.ts). Best first: a story
 * holding the same article, then by mean. What `feedloom explain` shows of an item's candidates.
 */
export function judgeStories(subject: Member, stories: ReadonlyMap<number, readonly Member[]>, judge: Judge, windowMs: number): StoryJudgement[] {
  const judged: StoryJudgement[] = [];
  for (const [storyId, members] of stories) {
    const near = members.filter((m) => m.itemId !== subject.itemId && Math.abs(m.atMs - subject.atMs) <= windowMs);
    if (near.length > 0) judged.push({ storyId, ...judgeMembers(subject, near, judge) });
  }
  return judged.sort((a, b) => Number(b.definite) - Number(a.definite) || b.mean - a.mean || a.storyId - b.storyId);
}
