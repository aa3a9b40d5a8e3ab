import { writeFileSync } from 'node:fs';
import { folderOf } from './corpus.js';
import type { CorpusEntry } from './corpus.js';
import { deviationFor } from './deviations.js';
import type { CaseOutcome } from './run-case.js';

/** Tally of one folder (or the whole corpus). `applicable` = pass + fail + crash. */
export interface Tally {
  files: number;
  pass: number;
  fail: number;
  crash: number;
  notApplicable: number;
  deviation: number;
}

/** One corpus file's outcome, with a deliberate deviation told apart from a failure. */
export interface CaseResult {
  entry: CorpusEntry;
  outcome: CaseOutcome;
  /** Set when the check failed and a documented deviation explains it. */
  deviation?: string;
}

function emptyTally(): Tally {
  return { files: 0, pass: 0, fail: 0, crash: 0, notApplicable: 0, deviation: 0 };
}

/** Classify an outcome: a failure explained by a documented deviation is counted as a deviation. */
export function classify(entry: CorpusEntry, outcome: CaseOutcome): CaseResult {
  if (outcome.status === 'fail' || outcome.status === 'crash') {
    const deviation = deviationFor(entry);
    if (deviation) return { entry, outcome, deviation: deviation.id };
  }
  return { entry, outcome };
}

function add(tally: Tally, result: CaseResult): void {
  tally.files += 1;
  if (result.deviation) tally.deviation += 1;
  else if (result.outcome.status === 'pass') tally.pass += 1;
  else if (result.outcome.status === 'fail') tally.fail += 1;
  else if (result.outcome.status === 'crash') tally.crash += 1;
  else tally.notApplicable += 1;
}

/** Pass rate over the applicable checks (deviations and not-applicable left out); 1 when none apply. */
export function passRate(tally: Tally): number {
  const applicable = tally.pass + tally.fail + tally.crash;
  return applicable === 0 ? 1 : tally.pass / applicable;
}

/** Per-folder tallies (sorted by folder) and the total. */
export function tallies(results: CaseResult[]): { folders: Map<string, Tally>; total: Tally } {
  const folders = new Map<string, Tally>();
  const total = emptyTally();
  for (const result of results) {
    const folder = folderOf(result.entry);
    const tally = folders.get(folder) ?? emptyTally();
    folders.set(folder, tally);
    add(tally, result);
    add(total, result);
  }
  return { folders: new Map([...folders].sort(([a], [b]) => a.localeCompare(b))), total };
}

function row(name: string, tally: Tally): string {
  const rate = `${(passRate(tally) * 100).toFixed(1)}%`;
  const cells = [tally.files, tally.pass, tally.fail, tally.crash, tally.notApplicable, tally.deviation].map((n) =>
    String(n).padStart(6),
  );
  return `${name.padEnd(28)}${cells.join('')}${rate.padStart(9)}`;
}

/** The table printed by the conformance test. */
export function formatReport(results: CaseResult[]): string {
  const { folders, total } = tallies(results);
  const header = `${'folder'.padEnd(28)}${['files', 'pass', 'fail', 'crash', 'n/a', 'dev'].map((h) => h.padStart(6)).join('')}${'pass %'.padStart(9)}`;
  const lines = [header, ...[...folders].map(([name, tally]) => row(name, tally)), row('TOTAL', total)];
  return lines.join('\n');
}

/** One line per check that neither passed nor was inapplicable, with why (CONFORMANCE_VERBOSE=1). */
export function failureLines(results: CaseResult[]): string[] {
  return results
    .filter(({ outcome }) => outcome.status !== 'pass' && outcome.status !== 'not-applicable')
    .map(({ entry, outcome, deviation }) => {
      const detail = 'detail' in outcome ? outcome.detail : '';
      return `${deviation ? `DEV(${deviation})` : outcome.status.toUpperCase()} ${entry.path}: ${entry.expect}\n    ${detail}`;
    });
}

/** Write every outcome as JSON (CONFORMANCE_REPORT=file). */
export function writeReport(file: string, results: CaseResult[]): void {
  writeFileSync(file, JSON.stringify(results.map(({ entry, outcome, deviation }) => ({ path: entry.path, expect: entry.expect, ...outcome, deviation })), null, 1));
}
