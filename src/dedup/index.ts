export { canonicalUrl, isArticleUrl } from './canonical-url.js';
export { bodyOf, MAX_TEXT_CHARS } from './item-body.js';
export { storyFeatures, genreOf } from './story-features.js';
export type { FeatureInput, Genre, StoryFeatures } from './story-features.js';
export { decodeFeatures, encodeFeatures, FEATURES_VERSION } from './features-codec.js';
export type { StoredFeatures } from './features-codec.js';
export { FEATURE_SIGNS, measurePair, PAIR_FEATURES } from './pair-features.js';
export type { PairFeatures, PairVetoes, StoryItem } from './pair-features.js';
export { judgePair, modelProbability } from './pair-score.js';
export type { PairRule, PairVerdict, ScoredItem } from './pair-score.js';
export { judgeStories } from './story-decision.js';
export type { Judge, Member, StoryJudgement } from './story-decision.js';
export { assignStories, encodedFeaturesOf, MAX_CANDIDATES, MEMBERS_PER_STORY, storyAssigner } from './story-engine.js';
export { refileStaleFeatures, REFILE_BATCH } from './refile.js';
export type { StoryOptions } from './story-engine.js';
export { fragmentOf } from './members.js';
export { explainItem } from './story-explain.js';
export type { StoryExplanation } from './story-explain.js';
export { STORY_MODEL } from './story-model.js';
export { describeJudgement, describeVerdict } from './describe-verdict.js';
export { fingerprintOf } from './fingerprint.js';

/** The dedup window when the config gives none (`dedup.window`). */
export const DEFAULT_DEDUP_WINDOW_MS = 7 * 24 * 3_600_000;
