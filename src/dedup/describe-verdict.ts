import type { PairVerdict } from './pair-score.js';
import type { StoryJudgement } from './story-decision.js';

const two = (n: number) => n.toFixed(2);

/** The measures that decided a pair, in words. */
function measures(verdict: PairVerdict): string {
  const f = verdict.features;
  const hours = Math.round(f.timeGap * 7 * 24);
  return [
    `headline cosine ${two(f.titleCosine)} (coverage ${two(f.titleCoverage)})`,
    `lead ${two(f.leadCosine)}, body ${two(f.bodyCosine)}`,
    `shared names ${two(f.nameJaccard)} (rarity ${two(f.rareNames)})`, `event words ${two(f.eventCosine)}`,
    `shared figures ${two(f.sharedAmounts)}`,
    `shared text ${two(f.textContainment)}`,
    `${hours} h apart`,
    ...(f.titleNameConflict ? ['headlines name things the other never mentions'] : []),
    ...(f.titleAmountConflict ? ['headline figures disagree'] : []),
    ...(f.genreDiffers ? ['different kinds of article (news, interview, review, opinion)'] : []),
    ...(f.sameSource ? ['same source'] : []),
  ].join('; ');
}

/** One pair's verdict in words, for `feedloom explain`. */
export function describeVerdict(verdict: PairVerdict): string {
  switch (verdict.rule) {
    case 'same-url': return 'the same article: the same canonical URL';
    case 'repost': return 'the same post published again by its source';
    case 'veto:version': return 'different news: a version number in one headline that the other never states';
    case 'veto:cve': return 'different news: different CVEs';
    case 'veto:column': return 'a recurring column (roundup, digest): it joins stories by URL only';
    case 'veto:template': return 'different news: one headline template filled in with other numbers';
    case 'veto:fragment': return 'different items of one page: the links differ in their fragment';
    case 'score': return `same-story probability ${two(verdict.probability)}: ${measures(verdict)}`;
  }
}

/** A judged candidate story in words: whether the item would join it, and on what mean. */
export function describeJudgement(judgement: StoryJudgement, threshold: number): string {
  const verdict = judgement.definite ? 'the same article is in it' : judgement.mean >= threshold ? `mean probability ${two(judgement.mean)} ≥ ${two(threshold)}` : `mean probability ${two(judgement.mean)} < ${two(threshold)}`;
  return `story ${judgement.storyId}: ${verdict}, over ${judgement.members.length} member(s) within the window`;
}
