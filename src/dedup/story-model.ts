/**
 * The story scorer's fitted model. Written by `npm run fit:stories` (scripts/fit-story-model.ts); do not edit by
 * hand. A logistic regression over the pair features (pair-features.ts) of every pair of items within the dedup
 * window of the labelled sets named in `fittedOn`, each measured exactly as ingest measures it; `threshold` is the
 * mean same-story probability at which an item joins a story (story-decision.ts), chosen on the same sets.
 */
export const STORY_MODEL = {
  fittedOn: ['dev-set', 'holdout-set', 'fresh-a-set'],
  bias: -2.2927,
  weights: {
    titleCosine: 1.1388,
    leadCosine: 0.5714,
    bodyCosine: 0.7843,
    eventCosine: 1.7225,
    titleCoverage: 1.4148,
    nameJaccard: 3.253,
    titleNameOverlap: 0,
    rareNames: 2.2038,
    titleNameConflict: -1.565,
    sharedAmounts: 4.0351,
    titleAmountConflict: 0,
    textContainment: 1.4087,
    timeGap: -7.6456,
    sameSource: -4.1726,
    sameUrl: 0,
    genreDiffers: -1.2005,
    subjectConflict: -3.0841,
    subjectNameConflict: 0,
    namesOnly: 0,
  },
  threshold: 0.45,
} as const;
