/** One labelled evaluation item: the vendors a human editor says it is about. */
export interface LabelledItem {
  id: string;
  title: string;
  lead: string;
  vendors: string[];
  note?: string;
}

/** Counts and rates for one vendor, or summed over all (micro-average). */
export interface Score {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** 1 when nothing was predicted (no false claim was made). */
  precision: number;
  /** 1 when nothing was labelled (nothing was missed). */
  recall: number;
}

/** One disagreement between prediction and label. */
export interface TagError {
  id: string;
  vendor: string;
  kind: 'false positive' | 'false negative';
}

/** Per-vendor and micro-averaged precision/recall of a tagger over labelled items. */
export interface TaggingScore {
  perVendor: Map<string, Score>;
  micro: Score;
  errors: TagError[];
}

function rates(truePositives: number, falsePositives: number, falseNegatives: number): Score {
  const predicted = truePositives + falsePositives;
  const labelled = truePositives + falseNegatives;
  return {
    truePositives,
    falsePositives,
    falseNegatives,
    precision: predicted === 0 ? 1 : truePositives / predicted,
    recall: labelled === 0 ? 1 : truePositives / labelled,
  };
}

/** Score predicted vendor ids against the labels, per vendor and micro-averaged over every (item, vendor) pair. */
export function scoreTagging(items: LabelledItem[], predict: (item: LabelledItem) => string[], vendorIds: string[]): TaggingScore {
  const counts = new Map(vendorIds.map((id) => [id, { tp: 0, fp: 0, fn: 0 }]));
  const errors: TagError[] = [];
  for (const item of items) {
    const predicted = new Set(predict(item));
    const labelled = new Set(item.vendors);
    for (const vendor of new Set([...predicted, ...labelled])) {
      const count = counts.get(vendor) ?? { tp: 0, fp: 0, fn: 0 };
      counts.set(vendor, count);
      if (predicted.has(vendor) && labelled.has(vendor)) count.tp += 1;
      else if (predicted.has(vendor)) {
        count.fp += 1;
        errors.push({ id: item.id, vendor, kind: 'false positive' });
      } else {
        count.fn += 1;
        errors.push({ id: item.id, vendor, kind: 'false negative' });
      }
    }
  }
  const perVendor = new Map([...counts].map(([id, count]) => [id, rates(count.tp, count.fp, count.fn)]));
  const sum = (pick: (count: { tp: number; fp: number; fn: number }) => number): number =>
    [...counts.values()].reduce((total, count) => total + pick(count), 0);
  return { perVendor, micro: rates(sum((c) => c.tp), sum((c) => c.fp), sum((c) => c.fn)), errors };
}

/** The score as a fixed-width text table, one vendor a line, then the micro-average. */
export function formatScore(score: TaggingScore): string {
  const percent = (rate: number): string => `${(rate * 100).toFixed(1)}%`.padStart(7);
  const line = (name: string, s: Score): string =>
    `${name.padEnd(18)} ${String(s.truePositives).padStart(4)} ${String(s.falsePositives).padStart(4)} ${String(s.falseNegatives).padStart(4)} ${percent(s.precision)} ${percent(s.recall)}`;
  return [
    `${'vendor'.padEnd(18)} ${'tp'.padStart(4)} ${'fp'.padStart(4)} ${'fn'.padStart(4)} ${'prec'.padStart(7)} ${'recall'.padStart(7)}`,
    ...[...score.perVendor].map(([id, s]) => line(id, s)),
    line('micro-average', score.micro),
  ].join('\n');
}
