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

/** Where a new item goes: the story it joins (undefined: it founds one), the stories that its joining merges, and why. */
export interface StoryDecision {
  join: number | undefined;
  /** Stories found to be one with the joined one (the new item bridges them): merged into it. */
  merge: number[];
  /** Every candidate story, judged, best first. */
  judged: StoryJudgement[];
}

/** Pair judgements, cached: the same pair is judged once however often it comes up. */
export type Judge = (a: Member, b: Member) => PairVerdict;

/**
 * Decide a new item's story, by average linkage over the stories its candidates belong to: the item joins the
 * story whose members it resembles most on average, when that mean same-story probability reaches `threshold`
 * (or when a member is the same article); a story reached so is merged with every other candidate story whose
 * members, together with the new item's, resemble the other's as much on average — the new item shows the two
 * are one. Averaging over a story's members, not taking its closest member, is what keeps a review or an
 * interview that shares a launch's names out of the launch's story, and keeps one false link from chaining two
 * stories together. Members outside the dedup window of the item do not count.
 */
export function decideStory(
  subject: Member,
  stories: ReadonlyMap<number, readonly Member[]>,
  judge: Judge,
  options: { threshold: number; windowMs: number },
): StoryDecision {
  const inWindow = (a: Member, b: Member) => Math.abs(a.atMs - b.atMs) <= options.windowMs;
  const judged: StoryJudgement[] = [];
  for (const [storyId, members] of stories) {
    const verdicts = members.filter((m) => m.itemId !== subject.itemId && inWindow(m, subject)).map((m) => ({ itemId: m.itemId, verdict: judge(subject, m) }));
    if (verdicts.length === 0) continue;
    const mean = verdicts.reduce((sum, v) => sum + v.verdict.probability, 0) / verdicts.length;
    const best = [...verdicts].sort((a, b) => b.verdict.probability - a.verdict.probability || a.itemId - b.itemId)[0];
    const definite = verdicts.some((v) => v.verdict.rule === 'same-url' || v.verdict.rule === 'repost');
    judged.push({ storyId, mean, definite, best, members: verdicts });
  }
  judged.sort((a, b) => Number(b.definite) - Number(a.definite) || b.mean - a.mean || a.storyId - b.storyId);
  const reaches = (j: StoryJudgement) => j.definite || j.mean >= options.threshold;
  const top = judged[0];
  if (top === undefined || !reaches(top)) return { join: undefined, merge: [], judged };
  const merged: Member[] = [subject, ...(stories.get(top.storyId) ?? [])];
  const merge: number[] = [];
  for (const other of judged.slice(1)) {
    if (!reaches(other)) continue;
    const theirs = stories.get(other.storyId) ?? [];
    let joins = other.definite;
    if (!joins) {
      let sum = 0;
      let count = 0;
      for (const a of merged) {
        for (const b of theirs) {
          if (a.itemId === b.itemId || !inWindow(a, b)) continue;
          sum += judge(a, b).probability;
          count += 1;
        }
      }
      joins = count > 0 && sum / count >= options.threshold;
    }
    if (joins) {
      merge.push(other.storyId);
      merged.push(...theirs);
    }
  }
  return { join: top.storyId, merge, judged };
}
