/**
 * npm run fit:stories — fit the story scorer (src/dedup/story-model.ts) on labelled sets, and write it.
 *
 *   npm run fit:stories                       fit on the sets in FIT_SETS below, write the model
 *   npm run fit:stories -- --dry-run          print the fit, write nothing
 *
 * 1. Each fit set goes through the real ingest path (both ways of ingesting, as `npm run eval` does), so every
 *    item's stored features and key weights are exactly what ingest stores.
 * 2. Every pair of items within the dedup window is measured as ingest measures it (judgePair); the pairs the
 *    model decides (not vetoed, not the same article) are labelled same story or not, and a logistic regression is
 *    fitted to them by Newton's method with a small L2 penalty (every feature is in [0, 1]), each weight kept on
 *    the side its feature's meaning gives it (FEATURE_SIGNS: a conflict never counts for a merge).
 * 3. The joining threshold is chosen by running the real ingest again with each threshold of a grid, pooling the
 *    fit sets' same-story pairs, and taking the one with the best F-measure with β = 0.5 (precision counts twice
 *    as much as recall: a wrong merge shows readers two stories as one, a missed one shows one story twice).
 *
 * The sets held out (blind-set, fresh-b-set, fresh-c-set) are never read here: `npm run eval` reports on them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config/index.js';
import { DEFAULT_DEDUP_WINDOW_MS, decodeFeatures, FEATURE_SIGNS, fragmentOf, judgePair, modelProbability, PAIR_FEATURES } from '../src/dedup/index.js';
import type { PairFeatures, ScoredItem } from '../src/dedup/index.js';
import { createDatabase, migrateToLatest } from '../src/store/index.js';
import type { Database } from '../src/store/index.js';
import { compileVendorTagger } from '../src/tag/index.js';
import { ingestEvalSet, storedOutcomes } from '../test/dedup/eval-ingest.js';
import type { EvalIngestOptions } from '../test/dedup/eval-ingest.js';
import { scoreOutcomes } from '../test/dedup/eval-score.js';
import { loadEvalSet } from '../test/dedup/eval-set.js';
import type { EvalSet } from '../test/dedup/eval-set.js';
import type { Kysely } from 'kysely';

/** The sets the model is fitted on; the others are held out for reporting. */
const FIT_SETS = ['dev-set', 'holdout-set', 'fresh-a-set'];
const MODES: NonNullable<EvalIngestOptions['mode']>[] = ['polled', 'once'];
const THRESHOLDS = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55];
const L2 = 1;
const BETA = 0.5;
const MODEL_FILE = new URL('../src/dedup/story-model.ts', import.meta.url);

type Model = { bias: number; weights: Record<string, number> };

const dryRun = process.argv.includes('--dry-run');
/** FIT_DROP=a,b fits without those features (their weights 0): for trying feature sets with --cv. */
const DROPPED = new Set((process.env['FIT_DROP'] ?? '').split(',').filter(Boolean));
const config = await loadConfig(path.resolve(process.cwd(), 'feeds.config.json'));
const tagger = compileVendorTagger(config.vendors);
const vendorIds = config.vendors.map((v) => v.id);
const windowMs = DEFAULT_DEDUP_WINDOW_MS;

async function withIngested<T>(set: EvalSet, mode: EvalIngestOptions['mode'], options: { threshold?: number; model?: Model }, use: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const handle = await createDatabase('sqlite::memory:');
  try {
    await migrateToLatest(handle.db);
    await ingestEvalSet(handle.db, set, tagger, { ...(mode ? { mode } : {}), stories: options });
    return await use(handle.db);
  } finally {
    await handle.close();
  }
}

interface Example { x: number[]; y: number; a: number; b: number; group: string; stories: [string, string] }

/** Every within-window pair of a set's stored items, measured as ingest measures them, with its label. */
async function examples(db: Kysely<Database>, set: EvalSet, group: string): Promise<Example[]> {
  const outcomes = await storedOutcomes(db, set);
  const label = new Map(outcomes.map((o) => [o.itemId, o.item.story]));
  const rows = await db.selectFrom('items').innerJoin('item_features', 'item_features.item_id', 'items.id')
    .select(['items.id', 'items.source_id', 'items.canonical_url', 'items.url', 'items.sort_at', 'item_features.data']).execute();
  const items: (ScoredItem & { id: number })[] = rows.flatMap((r) => {
    const stored = decodeFeatures(new Uint8Array(r.data));
    return stored === undefined ? [] : [{
      id: Number(r.id), sourceId: r.source_id, canonicalUrl: r.canonical_url, fragment: fragmentOf(r.url), atMs: Date.parse(r.sort_at ?? ''), stored,
    }];
  });
  const out: Example[] = [];
  for (let i = 0; i < items.length; i += 1) {
    for (let j = i + 1; j < items.length; j += 1) {
      const a = items[i];
      const b = items[j];
      if (a === undefined || b === undefined || Math.abs(a.atMs - b.atMs) > windowMs) continue;
      const verdict = a.id < b.id ? judgePair(a, b) : judgePair(b, a);
      if (verdict.rule !== 'score') continue;
      const stories: [string, string] = [label.get(a.id) ?? '', label.get(b.id) ?? ''];
      out.push({ x: PAIR_FEATURES.map((name) => (DROPPED.has(name) ? 0 : verdict.features[name as keyof PairFeatures])), y: stories[0] === stories[1] ? 1 : 0, a: a.id, b: b.id, group, stories });
    }
  }
  return out;
}

function solve(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const m = matrix.map((row, i) => [...row, vector[i] ?? 0]);
  for (let c = 0; c < n; c += 1) {
    let pivot = c;
    for (let r = c + 1; r < n; r += 1) if (Math.abs(m[r]?.[c] ?? 0) > Math.abs(m[pivot]?.[c] ?? 0)) pivot = r;
    [m[c], m[pivot]] = [m[pivot] ?? [], m[c] ?? []];
    for (let r = 0; r < n; r += 1) {
      if (r === c) continue;
      const f = (m[r]?.[c] ?? 0) / (m[c]?.[c] ?? 1);
      for (let k = c; k <= n; k += 1) (m[r] ?? [])[k] = (m[r]?.[k] ?? 0) - f * (m[c]?.[k] ?? 0);
    }
  }
  return m.map((row, i) => (row[n] ?? 0) / (row[i] ?? 1));
}

/** Logistic regression by Newton's method (L2 on the weights, not the bias). */
function fit(data: readonly Example[]): Model {
  const d = PAIR_FEATURES.length + 1;
  let w: number[] = new Array<number>(d).fill(0);
  for (let iteration = 0; iteration < 100; iteration += 1) {
    const gradient = new Array<number>(d).fill(0);
    const hessian = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const example of data) {
      const x = [1, ...example.x];
      const p = 1 / (1 + Math.exp(-x.reduce((sum, v, k) => sum + v * (w[k] ?? 0), 0)));
      for (let k = 0; k < d; k += 1) {
        gradient[k] = (gradient[k] ?? 0) + (p - example.y) * (x[k] ?? 0);
        const row = hessian[k] ?? [];
        for (let l = 0; l < d; l += 1) row[l] = (row[l] ?? 0) + p * (1 - p) * (x[k] ?? 0) * (x[l] ?? 0);
      }
    }
    for (let k = 1; k < d; k += 1) {
      gradient[k] = (gradient[k] ?? 0) + L2 * (w[k] ?? 0);
      (hessian[k] ?? [])[k] = (hessian[k]?.[k] ?? 0) + L2;
    }
    const step = solve(hessian, gradient);
    // Projected Newton: a weight that would cross to the wrong side of its feature's sign stays at 0.
    w = w.map((v, k) => {
      const next = v - (step[k] ?? 0);
      const sign = k === 0 ? 0 : FEATURE_SIGNS[PAIR_FEATURES[k - 1] as keyof PairFeatures];
      return sign * next < 0 ? 0 : next;
    });
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return { bias: w[0] ?? 0, weights: Object.fromEntries(PAIR_FEATURES.map((name, k) => [name, w[k + 1] ?? 0])) };
}

/**
 * `--cv`: story-level 3-fold cross-validation on the fit sets, for choosing features without looking at the held-out
 * sets. Each fold's items are clustered by batch average linkage (what the engine does incrementally) with a model
 * fitted on the other folds, and scored pairwise.
 */
function crossValidate(all: readonly Example[]): void {
  const folds = 3;
  const foldOf = (story: string) => [...story].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % folds;
  const totals = CV_THRESHOLDS.map(() => ({ tp: 0, fp: 0, fn: 0 }));
  for (let k = 0; k < folds; k += 1) {
    const foldModel = fit(all.filter((e) => foldOf(e.stories[0]) !== k && foldOf(e.stories[1]) !== k));
    const test = all.filter((e) => foldOf(e.stories[0]) === k && foldOf(e.stories[1]) === k);
    for (const group of new Set(test.map((e) => e.group))) {
      const pairs = test.filter((e) => e.group === group);
      const labels = new Map<number, string>();
      for (const e of pairs) {
        labels.set(e.a, e.stories[0]);
        labels.set(e.b, e.stories[1]);
      }
      const probability = new Map(pairs.map((e) => [e.a < e.b ? `${e.a}:${e.b}` : `${e.b}:${e.a}`, modelProbability(Object.fromEntries(PAIR_FEATURES.map((n, i) => [n, e.x[i] ?? 0])) as unknown as PairFeatures, foldModel)]));
      CV_THRESHOLDS.forEach((threshold, t) => {
        const clusters = averageLinkage([...labels.keys()], (a, b) => probability.get(a < b ? `${a}:${b}` : `${b}:${a}`) ?? 0, threshold);
        const ids = [...labels.keys()];
        const total = totals[t];
        if (total === undefined) return;
        for (let i = 0; i < ids.length; i += 1) {
          for (let j = i + 1; j < ids.length; j += 1) {
            const x = ids[i] ?? 0;
            const y = ids[j] ?? 0;
            const predicted = clusters.get(x) === clusters.get(y);
            const labelled = labels.get(x) === labels.get(y);
            if (predicted && labelled) total.tp += 1;
            else if (predicted) total.fp += 1;
            else if (labelled) total.fn += 1;
          }
        }
      });
    }
  }
  console.log(`cross-validated (3 folds by story): ${CV_THRESHOLDS.map((t, i) => {
    const { tp, fp, fn } = totals[i] ?? { tp: 0, fp: 0, fn: 1 };
    return `${t}: P ${(100 * tp / (tp + fp || 1)).toFixed(1)} R ${(100 * tp / (tp + fn || 1)).toFixed(1)}`;
  }).join(' | ')}`);
}

/** Batch average linkage: merge the two clusters of highest mean probability while it reaches the threshold. */
function averageLinkage(ids: readonly number[], probability: (a: number, b: number) => number, threshold: number): Map<number, number> {
  let clusters = ids.map((id) => [id]);
  for (;;) {
    let best = { mean: -1, i: -1, j: -1 };
    for (let i = 0; i < clusters.length; i += 1) {
      for (let j = i + 1; j < clusters.length; j += 1) {
        let sum = 0;
        let any = false;
        for (const a of clusters[i] ?? []) for (const b of clusters[j] ?? []) {
          const p = probability(a, b);
          sum += p;
          if (p > 0) any = true;
        }
        const mean = sum / ((clusters[i]?.length ?? 1) * (clusters[j]?.length ?? 1));
        if (any && mean > best.mean) best = { mean, i, j };
      }
    }
    if (best.mean < threshold) break;
    clusters[best.i] = [...(clusters[best.i] ?? []), ...(clusters[best.j] ?? [])];
    clusters = clusters.filter((_, index) => index !== best.j);
  }
  const out = new Map<number, number>();
  clusters.forEach((cluster, index) => cluster.forEach((id) => out.set(id, index)));
  return out;
}

const CV_THRESHOLDS = [0.25, 0.3, 0.35, 0.4, 0.45, 0.5];
const sets = FIT_SETS.map(loadEvalSet);
const data: Example[] = [];
for (const set of sets) for (const mode of MODES) data.push(...(await withIngested(set, mode, {}, (db) => examples(db, set, `${set.name}/${mode}`))));
if (process.argv.includes('--cv')) {
  crossValidate(data);
  if (process.argv.includes('--cv-only')) process.exit(0);
}
const model = fit(data);
console.log(`fitted on ${FIT_SETS.join(', ')}: ${data.length} pairs (${data.filter((e) => e.y === 1).length} same story)`);
console.log(`bias ${model.bias.toFixed(3)}; ${Object.entries(model.weights).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ')}`);

let best = { threshold: THRESHOLDS[0] ?? 0.2, f: -1 };
for (const threshold of THRESHOLDS) {
  const scores: string[] = [];
  // Pairs pooled over every set and mode: each same-story pair counts once, whatever set it is in.
  const pooled = { tp: 0, fp: 0, fn: 0 };
  for (const set of sets) {
    for (const mode of MODES) {
      const s = await withIngested(set, mode, { threshold, model }, async (db) => scoreOutcomes(await storedOutcomes(db, set), vendorIds).stories);
      pooled.tp += s.truePositives;
      pooled.fp += s.falsePositives;
      pooled.fn += s.falseNegatives;
      scores.push(`${set.name}/${mode} ${(s.precision * 100).toFixed(1)}/${(s.recall * 100).toFixed(1)}`);
    }
  }
  const precision = pooled.tp / (pooled.tp + pooled.fp || 1);
  const recall = pooled.tp / (pooled.tp + pooled.fn || 1);
  const f = ((1 + BETA ** 2) * precision * recall) / (BETA ** 2 * precision + recall || 1);
  console.log(`threshold ${threshold}: F${BETA} ${f.toFixed(4)} (pooled P ${(precision * 100).toFixed(1)}, R ${(recall * 100).toFixed(1)}) — ${scores.join(', ')}`);
  if (f > best.f) best = { threshold, f };
}
console.log(`threshold chosen: ${best.threshold}`);

const round = (v: number) => Number(v.toFixed(4));
const text = readFileSync(MODEL_FILE, 'utf8');
const body = `export const STORY_MODEL = {
  fittedOn: [${FIT_SETS.map((s) => `'${s}'`).join(', ')}],
  bias: ${round(model.bias)},
  weights: {
${PAIR_FEATURES.map((name) => `    ${name}: ${round(model.weights[name] ?? 0)},`).join('\n')}
  },
  threshold: ${best.threshold},
} as const;
`;
const updated = text.replace(/export const STORY_MODEL = \{[\s\S]*\} as const;\n/, body);
if (dryRun) console.log(body);
else {
  writeFileSync(MODEL_FILE, updated);
  console.log(`wrote ${path.relative(process.cwd(), MODEL_FILE.pathname)}`);
}
