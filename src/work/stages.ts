import type { DocumentLimits, NormalisedFeed } from '../model/index.js';
import { DEFAULT_DOCUMENT_LIMITS, toFeedloomError } from '../model/index.js';
import { normaliseFeed } from '../normalise/index.js';
import { decodeDocument, parseFeed } from '../parse/index.js';
import { baseItemRecords, enrichmentOf, taggerFor } from './records.js';
import type { ParseInput } from '../parse/index.js';
import type { CpuTask, DocumentOutcome, DocumentTask, EnrichTask, Enrichment, ParseJsonResult, ParseJsonTask, ResultOf } from './tasks.js';

// The CPU stages, as plain functions of plain data: what a CPU worker thread runs (src/work/cpu-worker.ts), and
// what runs in the calling thread when there is no pool. None of them throws for a bad document.

/** Decode, parse, normalise and sanitise one fetched document into the store's records (not yet enriched). */
export function readDocument(task: DocumentTask): DocumentOutcome {
  try {
    const limits = task.limits ?? DEFAULT_DOCUMENT_LIMITS;
    const parsed = parseFeed(task.input, { maxDepth: limits.maxDepth });
    const normalised = normaliseFeed(parsed, limits);
    return {
      ok: true,
      records: baseItemRecords(normalised.items),
      itemsSeen: normalised.items.length,
      warnings: normalised.warnings,
      polling: parsed.polling,
      itemDates: normalised.items.map((item) => item.published ?? item.updated),
    };
  } catch (thrown) {
    const error = toFeedloomError(thrown);
    return { ok: false, error: { code: error.code, message: error.message } };
  }
}

/** Story features, signatures and vendors of the given items, in their order. */
export function enrichItems(task: EnrichTask): Enrichment[] {
  const tagger = task.vendors ? taggerFor(task.vendors) : undefined;
  return task.items.map((item) => enrichmentOf(item, tagger));
}

/** The DESIGN.md `parse` JSON for one normalised document. */
export function parseJson(feed: NormalisedFeed): Record<string, unknown> {
  return {
    ok: true,
    encoding: feed.encoding,
    format: feed.format,
    warnings: feed.warnings,
    feed: feed.feed,
    items: feed.items.map((item) => ({
      id: item.id, url: item.url, title: item.title, summary: item.summary, content: item.content,
      authors: item.authors, categories: item.categories, published: item.published, updated: item.updated,
      enclosures: item.enclosures,
    })),
  };
}

/**
 * The `parse` JSON of one loaded input: the normalised feed, or `ok: false` with the error (and the
 * charset the bytes were read with, which is worth knowing even when they were not a feed).
 */
export function parseOutput(input: ParseInput, label?: string, limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS): Record<string, unknown> {
  try {
    return parseJson(normaliseFeed(parseFeed(input, { maxDepth: limits.maxDepth }), limits));
  } catch (thrown) {
    const error = toFeedloomError(thrown);
    const message = label === undefined || error.message.includes(label) ? error.message : `${label}: ${error.message}`;
    return { ok: false, encoding: decodeDocument(input.body, input.contentType).encoding, error: `${error.code}: ${message}` };
  }
}

/** `parseOutput` as a task: the object, or (`task.line`) the `--jsonl` line, which also names the input. */
export function parseJsonOf(task: ParseJsonTask): ParseJsonResult {
  const json = parseOutput(task.input, task.label, task.limits);
  const ok = json['ok'] === true;
  const error = ok ? {} : { error: String(json['error']) };
  return task.line ? { ok, ...error, line: JSON.stringify({ input: task.label, ...json }) } : { ok, ...error, json };
}

/** Run any CPU task. */
export function runTask<T extends CpuTask>(task: T): ResultOf<T> {
  // Each branch returns the result type of its own kind; TypeScript cannot narrow T from task.kind, hence the casts.
  switch (task.kind) {
    case 'document':
      return readDocument(task) as ResultOf<T>;
    case 'enrich':
      return enrichItems(task) as ResultOf<T>;
    case 'parse-json':
      return parseJsonOf(task) as ResultOf<T>;
  }
  throw new Error(`unknown CPU task ${(task as { kind: string }).kind}`);
}
