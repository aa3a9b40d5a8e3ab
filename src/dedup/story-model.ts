/**
 * The story scorer's fitted model. Written by `npm run fit:stories` (scripts/fit-story-model.ts); do not edit by
 * hand. A logistic regression over the pair features (pair-features.ts) of every pair of items within the dedup
 * window of the labelled sets named in `fittedOn`, each measured exactly as ingest measures it; `threshold` is the
 * mean same-story probability at which an item joins a story (story-decision.ts), chosen on the same sets.
 */
export const STORY_MODEL = {
  fittedOn: ['dev-set', 'holdout-set', 'fresh-a-set'],
  bias: -2.4215,
  weights: {
    titleCosine: 1.2187,
    leadCosine: 0.3412,
    bodyCosine: 0.6632,
    eventCosine: 1.4702,
    titleCoverage: 2.0217,
    nameJaccard: 2.9325,
    titleNameOverlap: 0,
    rareNames: 1.9068,
    titleNameConflict: -1.4019,
    sharedAmounts: 4.8006,
    titleAmountConflict: 0,
    textContainment: 0.8683,
    timeGap: -7.1745,
    sameSource: -4.8484,
    sameUrl: 0,
    genreDiffers: -0.973,
    subjectConflict: -3.1521,
    subjectNameConflict: -0.1232,
    namesOnly: 0,
  },
  threshold: 0.35,
} as const;
