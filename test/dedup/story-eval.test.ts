import path from 'node:path';
import { expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { compileVendorTagger } from '../../src/tag/index.js';
import { random } from '../../bench/news-corpus.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { pairwiseScore } from './cluster-metrics.js';
import { ingestEvalSet, storedOutcomes } from './eval-ingest.js';
import type { EvalIngestOptions, StoredOutcome } from './eval-ingest.js';
import { describeScores, scoreOutcomes } from './eval-score.js';
import { loadEvalSet } from './eval-set.js';

/**
 * Floors per labelled set, each a little under what the engine measures now (README, "One story, many
 * outlets"), so that a change that makes a set worse fails. The issue's aims are stories P ≥ 0.97 and R ≥ 0.92 on
 * every set: dev and holdout reach them; blind and the four fresh sets do not yet, and their floors say where
 * they are. Vendors: every vendor an item names (mentions) P ≥ 0.98, R ≥ 0.95 on every set; the vendors it is
 * *about* keep at least the precision of the first engine's tagger (the rule did not change).
 * Fitted on: dev, holdout, fresh-a (src/dedup/story-model.ts); held out: blind, fresh-b, fresh-c, fresh-d.
 */
const FLOORS: Record<string, { stories: [number, number]; about: number }> = {
  'dev-set': { stories: [0.97, 0.92], about: 0.96 },
  'holdout-set': { stories: [0.97, 0.92], about: 0.96 },
  'blind-set': { stories: [0.8, 0.92], about: 0.97 },
  'fresh-a-set': { stories: [0.93, 0.78], about: 0.88 },
  'fresh-b-set': { stories: [0.91, 0.81], about: 0.93 },
  'fresh-c-set': { stories: [0.92, 0.73], about: 0.86 },
  // Written blind on 2026-12-07 and first scored by this engine as it is (97.6% / 86.3%, both ways): nothing tuned on it.
  'fresh-d-set': { stories: [0.95, 0.84], about: 0.9 },
};
const MENTIONS = { precision: 0.98, recall: 0.95 };
/** The three sets of the first engine run on both databases; the larger fresh sets on SQLite (the same code). */
const BOTH = ['dev-set', 'holdout-set', 'blind-set'];
const SQLITE_ONLY = ['fresh-a-set', 'fresh-b-set', 'fresh-c-set', 'fresh-d-set'];

const config = await loadConfig(path.resolve(process.cwd(), 'feeds.config.json'));
const tagger = compileVendorTagger(config.vendors);
const vendorIds = config.vendors.map((v) => v.id);

it('the evaluation sets are well-formed: unique ids, known vendors, mentions a superset of vendors, multi-outlet stories and hard negatives', () => {
  for (const name of [...BOTH, ...SQLITE_ONLY]) {
    const set = loadEvalSet(name);
    expect(new Set(set.items.map((i) => i.id)).size, name).toBe(set.items.length);
    for (const item of set.items) {
      expect(vendorIds, `${name} ${item.id}`).toEqual(expect.arrayContaining([...item.vendors, ...(item.mentions ?? [])]));
      expect(item.mentions, `${name} ${item.id}: mentions`).toEqual(expect.arrayContaining(item.vendors));
    }
    const sizes = new Map<string, number>();
    for (const item of set.items) sizes.set(item.story, (sizes.get(item.story) ?? 0) + 1);
    expect([...sizes.values()].filter((n) => n >= 2).length, name).toBeGreaterThanOrEqual(10);
    expect(set.items.filter((i) => i.note !== undefined).length, name).toBeGreaterThanOrEqual(4);
  }
});

/** Story partition of an ingest, as sorted groups of labelled item ids. */
function partition(outcomes: readonly StoredOutcome[]): { id: string; predicted: number; label: string }[] {
  return outcomes.map((o) => ({ id: o.item.id, predicted: o.storyId, label: o.item.story }));
}

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'story clustering and vendor tagging, evaluated through the ingest path', (current) => {
    for (const name of dialect === 'sqlite' ? [...BOTH, ...SQLITE_ONLY] : BOTH) {
      const floor = FLOORS[name] ?? { stories: [1, 1], about: 1 };
      it(`${name}: stories P >= ${floor.stories[0]}, R >= ${floor.stories[1]}; mentions P >= ${MENTIONS.precision}, R >= ${MENTIONS.recall}; about P >= ${floor.about}`, async () => {
        const { db } = current();
        const set = loadEvalSet(name);
        await ingestEvalSet(db, set, tagger);
        const outcomes = await storedOutcomes(db, set);
        const scores = scoreOutcomes(outcomes, vendorIds);
        console.log(describeScores(`[${dialect}] ${name}`, set, outcomes, scores, false));
        expect(scores.stories.precision).toBeGreaterThanOrEqual(floor.stories[0]);
        expect(scores.stories.recall).toBeGreaterThanOrEqual(floor.stories[1]);
        expect(scores.mentions?.micro.precision).toBeGreaterThanOrEqual(MENTIONS.precision);
        expect(scores.mentions?.micro.recall).toBeGreaterThanOrEqual(MENTIONS.recall);
        expect(scores.about.micro.precision).toBeGreaterThanOrEqual(floor.about);
      }, 180_000);
    }
  });
}

describeDatabase('sqlite', 'the order feeds arrive in hardly changes the stories', (current) => {
  /**
   * One pass over every outlet (each serving all its items): the set's order, then shuffled orders and the reverse
   * four at a time. The stories are not yet exactly the same in every order: the rarity of a term is learned from
   * what was stored before it, so the first outlets of a fresh store weigh their words differently and a few close
   * calls go the other way (holdout agrees fully, fresh-a to 0.89–0.95 when measured). The test holds the pairwise
   * agreement with the first order's stories to 0.95 and 0.85.
   */
  const orders: [string, EvalIngestOptions][] = [
    ['shuffled (seed 1)', { order: (o) => shuffle(o, 1) }],
    ['shuffled (seed 2)', { order: (o) => shuffle(o, 2) }],
    ['reversed, four at once', { order: (o) => [...o].reverse(), concurrency: 4 }],
  ];
  const shuffle = <T>(list: readonly T[], seed: number): T[] => {
    const rand = random(seed);
    const out = [...list];
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = Math.floor(rand() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  };
  for (const [name, agreement] of [['holdout-set', 0.95], ['fresh-a-set', 0.85]] as const) {
    it(`${name}: nearly the same stories in every order (pairwise agreement >= ${agreement})`, async () => {
      const { db, url } = current();
      const set = loadEvalSet(name);
      await ingestEvalSet(db, set, tagger, { mode: 'once' });
      const first = partition(await storedOutcomes(db, set));
      const { createDatabase, migrateToLatest } = await import('../../src/store/index.js');
      for (const [label, options] of orders) {
        const other = await createDatabase(url.replace(/\.db$/, `-${label.replace(/\W+/g, '-')}.db`));
        try {
          await migrateToLatest(other.db);
          await ingestEvalSet(other.db, set, tagger, { mode: 'once', ...options });
          const again = new Map(partition(await storedOutcomes(other.db, set)).map((p) => [p.id, p.predicted]));
          // Agreement: the second partition scored against the first as if the first were the labels.
          const score = pairwiseScore(first.map((p) => ({ id: p.id, predicted: again.get(p.id) ?? -1, label: String(p.predicted) })));
          console.log(`${name}, ${label}: agreement ${Math.min(score.precision, score.recall).toFixed(3)}`);
          expect(Math.min(score.precision, score.recall), `${name}, ${label}: ${score.errors.slice(0, 5).map((e) => `${e.kind} ${e.a}~${e.b}`).join('; ')}`).toBeGreaterThanOrEqual(agreement);
        } finally {
          await other.close();
        }
      }
    }, 240_000);
  }
});
