/**
 * The story scorer's fitted model. Written by `npm run fit:stories` (scripts/fit-story-model.ts); do not edit by
 * hand. A logistic regression over the pair features (pair-features.ts) of every pair of items within the dedup
 * window of the labelled sets named in `fittedOn`, each measured exactly as ingest measures it; `threshold` is the
 * mean same-story probability at which an item joins a story (story-decision.ts), chosen on the same sets.
 */
export const STORY_MODEL = {
  fittedOn: ['dev-set', 'holdout-set', 'fresh-a-set'],
  bias: -2.4146,
  weights: {
    titleCosine: 1.8892,
    leadCosine: 1.1227,
    bodyCosine: 0.1446,
    eventCosine: 2.0335,
    titleCoverage: 1.9361,
    nameJaccard: 3.6126,
    titleNameOverlap: 0,
    rareNames: 2.0209,
    titleNameConflict: -1.6414,
    sharedAmounts: 3.6308,
    titleAmountConflict: 0,
    textContainment: 0.7916,
    timeGap: -7.2112,
    sameSource: -5.0147,
    sameUrl: 0,
    genreDiffers: -1.047,
    subjectConflict: -3.2,
    subjectNameConflict: -0.166,
  },
  threshold: 0.3,
} as const;
