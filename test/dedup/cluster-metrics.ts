/** One clustered item: its predicted cluster and its labelled one. */
export interface ClusteredItem {
  id: string;
  predicted: string | number;
  label: string;
}

/** Pairwise scores: over every pair of items, "same cluster" predicted vs labelled. */
export interface PairwiseScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** 1 when no pair was predicted together. */
  precision: number;
  /** 1 when no pair is labelled together. */
  recall: number;
  /** The wrong pairs, for the report. */
  errors: { kind: 'false merge' | 'missed merge'; a: string; b: string }[];
}

/** Pairwise precision and recall of a clustering against labels (the usual measure for record linkage). */
export function pairwiseScore(items: readonly ClusteredItem[]): PairwiseScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const errors: PairwiseScore['errors'] = [];
  for (let i = 0; i < items.length; i += 1) {
    for (let j = i + 1; j < items.length; j += 1) {
      const a = items[i];
      const b = items[j];
      if (a === undefined || b === undefined) continue;
      const predicted = a.predicted === b.predicted;
      const labelled = a.label === b.label;
      if (predicted && labelled) tp += 1;
      else if (predicted) {
        fp += 1;
        errors.push({ kind: 'false merge', a: a.id, b: b.id });
      } else if (labelled) {
        fn += 1;
        errors.push({ kind: 'missed merge', a: a.id, b: b.id });
      }
    }
  }
  return {
    truePositives: tp, falsePositives: fp, falseNegatives: fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    errors,
  };
}
