import type { VendorConfig } from '../config/types.js';
import type { DocumentLimits, ErrorCode, VendorMention } from '../model/index.js';
import type { ParsedPollingHints } from '../model/parsed-feed.js';
import type { ParseInput } from '../parse/index.js';
import type { ItemRecord } from '../store/item-record.js';

// What crosses the thread boundary between the main thread and a CPU worker: plain data only (structured
// clone), the fetched bytes as a transferable buffer in, plain records out. Errors come back as data too: a
// thrown FeedloomError would lose its `code` on the way (structured clone keeps an Error's message only).

/** A coded failure, as data. */
export interface TaskError {
  code: ErrorCode;
  message: string;
}

/** Ingest's first CPU step for one fetched document: decode → parse → normalise → sanitise → the store's records. */
export interface DocumentTask {
  kind: 'document';
  input: ParseInput;
  /** The caps on one document (config `limits`: maxDepth, maxItems, ...); absent: the defaults. */
  limits?: DocumentLimits;
}

/** What a document task gives back: the records (canonical URLs and content hashes, not yet enriched), or a coded failure. */
export type DocumentOutcome =
  | {
    ok: true;
    records: ItemRecord[];
    /** Items the document listed (before repeated ids were dropped). */
    itemsSeen: number;
    warnings: string[];
    polling: ParsedPollingHints;
    /** Each listed item's published (else updated) date, for the scheduler's publishing rate. */
    itemDates: (string | null)[];
  }
  | { ok: false; error: TaskError };

/** What one item's enrichment reads. */
export interface EnrichInput {
  title: string;
  text: string;
}

/** Ingest's second CPU step, for the new and changed items only: story features, near-duplicate signature, vendors. */
export interface EnrichTask {
  kind: 'enrich';
  items: EnrichInput[];
  /** The vendor dictionary to tag with (compiled once per worker and dictionary); absent: no tagging. */
  vendors?: { key: string; list: VendorConfig[] };
}

/** The dedup and tag stages' results for one item, in the order of the task's items. */
export interface Enrichment {
  vendors?: VendorMention[];
  features: Uint8Array;
  fingerprint: string | null;
}

/** `feedloom parse`'s work for one input: the DESIGN.md `parse` JSON (ok, or ok: false with the coded error). */
export interface ParseJsonTask {
  kind: 'parse-json';
  input: ParseInput;
  /** The argument as given, named in error messages (and, with `line`, the line's `input`). */
  label?: string;
  /** Give the `--jsonl` line, serialised in the worker, instead of the object. */
  line?: boolean;
  /** The caps on one document (config `limits`); absent: the defaults. */
  limits?: DocumentLimits;
}

/** A parse-json task's answer: the object, or its `--jsonl` line; `error` when the input is not a readable feed. */
export interface ParseJsonResult {
  ok: boolean;
  error?: string;
  json?: Record<string, unknown>;
  line?: string;
}

/** Any task a CPU worker runs. */
export type CpuTask = DocumentTask | EnrichTask | ParseJsonTask;

/** The result type of each kind of task. */
export interface CpuResults {
  document: DocumentOutcome;
  enrich: Enrichment[];
  'parse-json': ParseJsonResult;
}

/** The result of `task`. */
export type ResultOf<T extends CpuTask> = CpuResults[T['kind']];

/** What crosses the boundary to the worker: the task, and an id the worker names when it starts it (for the CPU budget). */
export interface TaskEnvelope {
  id: number;
  task: CpuTask;
}

/** The message a worker posts when it starts a task: the budget's clock starts then, not while the task waits in the queue. */
export interface StartedMessage {
  feedloomTaskStarted: number;
}
