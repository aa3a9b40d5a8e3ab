/**
 * The story scorer's fitted model. Written by `npm run fit:stories` (scripts/fit-story-model.ts); do not edit by
 * hand. A logistic regression over the pair features (pair-features.ts) of every pair of items within the dedup
 * window of the labelled sets named in `fittedOn`, each measured exactly as ingest measures it; `threshold` is the
 * mean same-story probability at which an item joins a story (story-decision.ts), chosen on the same sets.
 */
export const STORY_MODEL = {
  fittedOn: ['dev-set', 'holdout-set', 'fresh-a-set'],
  bias: -2.359,
  weights: {
    titleCosine: 1.4306,
    leadCosine: 0.9101,
    bodyCosine: 0.5913,
    eventCosine: 1.808,
    titleCoverage: 1.4515,
    nameJaccard: 3.0468,
    titleNameOverlap: 0,
    rareNames: 2.2159,
    titleNameConflict: -1.562,
    sharedAmounts: 4.1188,
    titleAmountConflict: 0,
    textContainment: 1.3911,
    timeGap: -7.4964,
    sameSource: -4.4237,
    sameUrl: 0,
    genreDiffers: -1.3777,
    subjectConflict: -3.0895,
    subjectNameConflict: 0,
    namesOnly: 0,
  },
  threshold: 0.45,
} as const;
