import { formatScore, scoreTagging } from '../tag/tag-metrics.js';
import type { LabelledItem, TaggingScore } from '../tag/tag-metrics.js';
import type { PairwiseScore } from './cluster-metrics.js';
import { pairwiseScore } from './cluster-metrics.js';
import type { StoredOutcome } from './eval-ingest.js';
import type { EvalSet } from './eval-set.js';

/** An evaluation set's scores: stories (pairwise), vendors an item is about, and every vendor it names. */
export interface EvalScores {
  stories: PairwiseScore;
  about: TaggingScore;
  /** Undefined when the set has no `mentions` labels. */
  mentions: TaggingScore | undefined;
}

/** Score what the store made of a set against its labels. */
export function scoreOutcomes(outcomes: readonly StoredOutcome[], vendorIds: string[]): EvalScores {
  const stories = pairwiseScore(outcomes.map((o) => ({ id: o.item.id, predicted: o.storyId, label: o.item.story })));
  const labelled = (pick: (o: StoredOutcome) => string[]): LabelledItem[] => outcomes.map((o) => ({ id: o.item.id, title: o.item.title, lead: '', vendors: pick(o) }));
  const about = new Map(outcomes.map((o) => [o.item.id, o.vendors]));
  const named = new Map(outcomes.map((o) => [o.item.id, o.mentions]));
  const hasMentions = outcomes.every((o) => o.item.mentions !== undefined);
  return {
    stories,
    about: scoreTagging(labelled((o) => o.item.vendors), (item) => about.get(item.id) ?? [], vendorIds),
    mentions: hasMentions ? scoreTagging(labelled((o) => o.item.mentions ?? []), (item) => named.get(item.id) ?? [], vendorIds) : undefined,
  };
}

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

/** The scores of one set in words: counts, the headline rates, and (verbose) every error. */
export function describeScores(label: string, set: EvalSet, outcomes: readonly StoredOutcome[], scores: EvalScores, verbose: boolean): string {
  const { stories, about, mentions } = scores;
  const used = (score: TaggingScore) => ({ ...score, perVendor: new Map([...score.perVendor].filter(([, s]) => s.truePositives + s.falsePositives + s.falseNegatives > 0)) });
  const lines = [
    `${label}: ${set.items.length} items, ${new Set(set.items.map((i) => i.story)).size} labelled stories, ${new Set(outcomes.map((o) => o.storyId)).size} stored`,
    `  stories (pairwise): precision ${percent(stories.precision)}, recall ${percent(stories.recall)} (tp ${stories.truePositives}, fp ${stories.falsePositives}, fn ${stories.falseNegatives})`,
    `  vendors about: precision ${percent(about.micro.precision)}, recall ${percent(about.micro.recall)}`,
    ...(mentions ? [`  vendors mentioned: precision ${percent(mentions.micro.precision)}, recall ${percent(mentions.micro.recall)}`] : []),
  ];
  if (verbose) {
    lines.push(...stories.errors.map((e) => `    ${e.kind}: ${e.a} ~ ${e.b}`), 'vendors about:', formatScore(used(about)), ...about.errors.map((e) => `    ${e.kind} ${e.vendor}: ${e.id}`));
    if (mentions) lines.push('vendors mentioned:', formatScore(used(mentions)), ...mentions.errors.map((e) => `    ${e.kind} ${e.vendor}: ${e.id}`));
  }
  return lines.join('\n');
}
