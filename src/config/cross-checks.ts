import { DEFAULTS } from './defaults.js';
import { formatDuration, tryParseDuration } from './duration.js';
import type { PathSegment } from './json-document.js';
import type { RawProblem } from './problems.js';
import { closest } from './suggest.js';

// Checks that span several parts of the config (unique ids, references, min <= max). They read the raw
// JSON value defensively, so they run, and report, even when the schema found problems elsewhere.

type Json = Record<string, unknown>;

function record(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Every cross-part problem in a raw config value. */
export function crossCheck(raw: unknown): RawProblem[] {
  const root = record(raw);
  if (root === undefined) return [];
  const problems: RawProblem[] = [];
  const sourceIds = uniqueValues(root, 'sources', 'id', 'id', problems);
  uniqueValues(root, 'sources', 'url', 'URL', problems);
  const vendorIds = uniqueValues(root, 'vendors', 'id', 'id', problems);
  uniqueValues(root, 'feeds', 'id', 'id', problems);
  checkFeedReferences(root, knowable(root, 'vendors', vendorIds), knowable(root, 'sources', sourceIds), problems);
  checkSchedule(record(root['schedule']) ?? {}, problems);
  checkFetch(record(root['fetch']) ?? {}, problems);
  return problems;
}

/** The ids a reference may name, or undefined when the list is malformed (the schema reports that instead). */
function knowable(root: Json, entries: string, ids: string[]): string[] | undefined {
  return root[entries] === undefined || Array.isArray(root[entries]) ? ids : undefined;
}

/** Report repeats of `entries[i][field]`; returns every string value seen. */
function uniqueValues(root: Json, entries: string, field: string, noun: string, problems: RawProblem[]): string[] {
  const firstIndex = new Map<string, number>();
  list(root[entries]).forEach((entry, index) => {
    const value = record(entry)?.[field];
    if (typeof value !== 'string') return;
    const first = firstIndex.get(value);
    if (first === undefined) firstIndex.set(value, index);
    else problems.push({ path: [entries, index, field], message: `duplicate ${noun} ${JSON.stringify(value)}: ${entries}[${first}] has it already` });
  });
  return [...firstIndex.keys()];
}

/**
 * Aliases one vendor lists twice, in the same spelling or in another case ("SUSE" and "SuSE"): harmless (each
 * matches what it matches, and a vendor is tagged once), so not a problem, but worth a word in `check`.
 */
export function aliasRepeats(raw: unknown): { path: PathSegment[]; message: string }[] {
  const notes: { path: PathSegment[]; message: string }[] = [];
  list(record(raw)?.['vendors']).forEach((vendor, vendorIndex) => {
    const seen = new Map<string, { index: number; text: string }>();
    list(record(vendor)?.['aliases']).forEach((alias, aliasIndex) => {
      const text = typeof alias === 'string' ? alias : record(alias)?.['text'];
      if (typeof text !== 'string') return;
      const first = seen.get(text.toLowerCase());
      if (first === undefined) seen.set(text.toLowerCase(), { index: aliasIndex, text });
      else {
        const how = first.text === text ? 'repeats' : `repeats in another case (${JSON.stringify(first.text)})`;
        notes.push({ path: ['vendors', vendorIndex, 'aliases', aliasIndex], message: `alias ${JSON.stringify(text)} ${how} aliases[${first.index}]; both are kept, and the vendor is tagged once` });
      }
    });
  });
  return notes;
}

/** Curated feed rules may name only vendors and sources that exist. */
function checkFeedReferences(root: Json, vendorIds: string[] | undefined, sourceIds: string[] | undefined, problems: RawProblem[]): void {
  list(root['feeds']).forEach((feed, feedIndex) => {
    const match = record(record(feed)?.['match']);
    if (match === undefined) return;
    const references: [string, string, string[] | undefined][] = [
      ['vendors', 'vendor', vendorIds],
      ['vendorsAll', 'vendor', vendorIds],
      ['mentions', 'vendor', vendorIds],
      ['sources', 'source', sourceIds],
    ];
    for (const [key, noun, known] of references) {
      list(match[key]).forEach((id, index) => {
        if (typeof id !== 'string' || known === undefined || known.includes(id)) return;
        const path: PathSegment[] = ['feeds', feedIndex, 'match', key, index];
        const guess = closest(id, known);
        const hint = guess === undefined ? '' : ` (did you mean ${JSON.stringify(guess)}?)`;
        problems.push({ path, message: `unknown ${noun} ${JSON.stringify(id)}${hint}` });
      });
    }
  });
}

/** minInterval <= defaultInterval <= maxInterval, with defaults for the ones left out. */
function checkSchedule(schedule: Json, problems: RawProblem[]): void {
  const read = (key: 'minInterval' | 'defaultInterval' | 'maxInterval'): number | undefined => {
    const value = schedule[key] ?? DEFAULTS.schedule[key];
    const ms = typeof value === 'string' ? tryParseDuration(value) : undefined;
    // Zero is refused by the schema; comparing it too would only repeat that problem.
    return ms !== undefined && ms > 0 ? ms : undefined;
  };
  const min = read('minInterval');
  const preferred = read('defaultInterval');
  const max = read('maxInterval');
  if (min !== undefined && max !== undefined && min > max) {
    problems.push({ path: ['schedule', 'minInterval'], message: `must not be longer than maxInterval (${formatDuration(max)})` });
    return;
  }
  if (preferred === undefined) return;
  if (min !== undefined && preferred < min) {
    problems.push({ path: ['schedule', 'defaultInterval'], message: `must not be shorter than minInterval (${formatDuration(min)})` });
  }
  if (max !== undefined && preferred > max) {
    problems.push({ path: ['schedule', 'defaultInterval'], message: `must not be longer than maxInterval (${formatDuration(max)})` });
  }
}

/** A per-host limit above the global one could never be reached, so it is more likely a mix-up. */
function checkFetch(fetch: Json, problems: RawProblem[]): void {
  const concurrency = fetch['concurrency'] ?? DEFAULTS.fetch.concurrency;
  const perHost = fetch['perHostConcurrency'] ?? DEFAULTS.fetch.perHostConcurrency;
  const valid = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1;
  if (valid(concurrency) && valid(perHost) && perHost > concurrency) {
    problems.push({ path: ['fetch', 'perHostConcurrency'], message: `must not be more than concurrency (${concurrency})` });
  }
}
