import { measurePair, PAIR_FEATURES } from './pair-features.js';
import type { PairFeatures, PairVetoes, StoryItem } from './pair-features.js';
import { STORY_MODEL } from './story-model.js';

/** An item with its stored features, as the scorer sees it. */
export type ScoredItem = StoryItem;

/**
 * How a pair was judged: `same-url` and `repost` are definite (one article, or one post published twice);
 * `score` is the fitted model's probability; `veto:*` is a hard no.
 */
export type PairRule = 'same-url' | 'repost' | 'score' | 'veto:version' | 'veto:cve' | 'veto:column' | 'veto:fragment' | 'veto:template';

/** A judged pair: the probability that the two tell one story, the rule, and what was measured. */
export interface PairVerdict {
  probability: number;
  rule: PairRule;
  features: PairFeatures;
  vetoes: PairVetoes;
}

/** The probability a definite link is given: above any threshold, below certainty. */
const DEFINITE = 0.99;

/** The fitted model's same-story probability for measured pair features. */
export function modelProbability(features: PairFeatures, model: { bias: number; weights: Readonly<Record<string, number>> } = STORY_MODEL): number {
  let z = model.bias;
  for (const name of PAIR_FEATURES) z += (model.weights[name] ?? 0) * features[name];
  return 1 / (1 + Math.exp(-z));
}

/** Judge two items: vetoes first, then the definite links (one URL, a repost), else the model's probability. */
export function judgePair(a: ScoredItem, b: ScoredItem, model?: { bias: number; weights: Readonly<Record<string, number>> }): PairVerdict {
  const { features, vetoes } = measurePair(a, b);
  const verdict = (rule: PairRule, probability: number): PairVerdict => ({ probability, rule, features, vetoes });
  if (vetoes.fragmentConflict) return verdict('veto:fragment', 0);
  if (vetoes.versionConflict) return verdict('veto:version', 0);
  if (vetoes.cveConflict) return verdict('veto:cve', 0);
  const similar = features.titleCosine >= 0.5 || features.textContainment >= 0.5;
  // Across outlets one URL is one article; within one feed, a URL shared by items that neither read nor are
  // titled alike is a landing page every item links to, not one article published twice.
  if (features.sameUrl === 1 && (features.sameSource === 0 || similar)) return verdict('same-url', DEFINITE);
  if (vetoes.column) return verdict('veto:column', 0);
  if (vetoes.templateConflict) return verdict('veto:template', 0);
  if (features.sameSource === 1 && features.titleCosine >= 0.9 && features.textContainment >= 0.9) return verdict('repost', DEFINITE);
  return verdict('score', modelProbability(features, model));
}
