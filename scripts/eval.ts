/**
 * npm run eval — story clustering and vendor tagging on every labelled set, through the real ingest path on an
 * in-memory SQLite database, in two ways of ingesting: polled every 6 hours of simulated time, and once (every
 * item of every outlet in one pass). Prints, per set, pairwise precision and recall of the stories and
 * micro-averaged precision and recall of the vendors the items are about and of every vendor they name.
 *
 *   npm run eval                       every set, both modes
 *   npm run eval -- fresh-a-set -v     one set, with every error listed
 *
 * Which sets the scorer's weights were fitted on is in src/dedup/story-weights.ts; see test/dedup/fixtures/README.md.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config/index.js';
import { createDatabase, migrateToLatest } from '../src/store/index.js';
import { compileVendorTagger } from '../src/tag/index.js';
import { ingestEvalSet, storedOutcomes } from '../test/dedup/eval-ingest.js';
import type { EvalIngestOptions } from '../test/dedup/eval-ingest.js';
import { describeScores, scoreOutcomes } from '../test/dedup/eval-score.js';
import { loadEvalSet } from '../test/dedup/eval-set.js';

const args = process.argv.slice(2);
const verbose = args.includes('-v') || args.includes('--verbose');
const named = args.filter((a) => !a.startsWith('-'));
const fixtures = new URL('../test/dedup/fixtures/', import.meta.url);
const sets = named.length > 0 ? named : readdirSync(fixtures).filter((f) => f.endsWith('-set.json')).map((f) => f.replace(/\.json$/, '')).sort();
const config = await loadConfig(path.resolve(process.cwd(), 'feeds.config.json'));
const tagger = compileVendorTagger(config.vendors);
const vendorIds = config.vendors.map((v) => v.id);
const modes: NonNullable<EvalIngestOptions['mode']>[] = ['polled', 'once'];

const rows: string[][] = [];
for (const name of sets) {
  const set = loadEvalSet(name);
  for (const mode of modes) {
    const handle = await createDatabase('sqlite::memory:');
    try {
      await migrateToLatest(handle.db);
      await ingestEvalSet(handle.db, set, tagger, { mode });
      const outcomes = await storedOutcomes(handle.db, set);
      const scores = scoreOutcomes(outcomes, vendorIds);
      if (verbose) console.log(`${describeScores(`${name} (${mode})`, set, outcomes, scores, true)}\n`);
      const pct = (x: number | undefined) => (x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);
      rows.push([name, mode, String(set.items.length), pct(scores.stories.precision), pct(scores.stories.recall),
        pct(scores.about.micro.precision), pct(scores.about.micro.recall), pct(scores.mentions?.micro.precision), pct(scores.mentions?.micro.recall)]);
    } finally {
      await handle.close();
    }
  }
}
const header = ['set', 'ingest', 'items', 'stories P', 'stories R', 'about P', 'about R', 'mentions P', 'mentions R'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
console.log([line(header), ...rows.map(line)].join('\n'));
