import type { VendorConfig } from '../config/types.js';
import type { DocumentLimits } from '../model/index.js';
import type { ParseInput } from '../parse/index.js';
import type { ItemRecord } from '../store/item-record.js';
import { CpuBudget } from './budget.js';
import type { CpuPool } from './cpu-pool.js';
import { applyEnrichment, enrichmentOf, taggerFor } from './records.js';
import type { Tagger } from './records.js';
import { readDocument } from './stages.js';
import type { DocumentOutcome } from './tasks.js';

/** The CPU stages as ingest calls them, for one document at a time: in a pool of threads, or in this thread. */
export interface CpuStages {
  /** A fresh budget for one document (undefined: unbounded). */
  budget(): CpuBudget | undefined;
  /**
   * Decode, parse, normalise, sanitise, held to `limits` (config `limits`; absent: the defaults): the store's
   * records, not yet enriched. Rejects TOO_COMPLEX over budget.
   */
  read(input: ParseInput, budget?: CpuBudget, limits?: DocumentLimits): Promise<DocumentOutcome>;
  /** Story features, signatures and vendors, written onto the records. Rejects TOO_COMPLEX over budget. */
  enrich(records: ItemRecord[], budget?: CpuBudget): Promise<void>;
  /**
   * The same for one record, in this thread: for the store, which finds inside its transaction the rare record no
   * one enriched beforehand (another writer changed or removed the stored item after ingest looked it up).
   */
  enrichNow(record: ItemRecord): void;
}

/** The stages in the calling thread (tests, library use): no budget can stop a synchronous parse here. */
export function inlineStages(options: { tagger?: Tagger } = {}): CpuStages {
  const enrichNow = (record: ItemRecord): void => applyEnrichment(record, enrichmentOf(record, options.tagger));
  return {
    budget: () => undefined,
    read: async (input, _budget, limits) => readDocument({ kind: 'document', input, ...(limits ? { limits } : {}) }),
    enrich: async (records) => records.forEach(enrichNow),
    enrichNow,
  };
}

/** What the pooled stages need from the config. */
export interface PooledStagesOptions {
  /** The vendor dictionary items are tagged with (config `vendors`). */
  vendors: VendorConfig[];
  /** The CPU budget of one document (config `limits.cpuBudgetMs`). */
  cpuBudgetMs: number;
}

/**
 * The stages in `pool`'s worker threads. The fetched bytes move to the worker (transferred, not copied) and the
 * records come back; only the new and changed ones go back for enrichment. Each document has one CPU budget for both.
 */
export function pooledStages(pool: CpuPool, options: PooledStagesOptions): CpuStages {
  const vendors = { key: JSON.stringify(options.vendors), list: options.vendors };
  return {
    budget: () => new CpuBudget(options.cpuBudgetMs),
    async read(input, budget, limits) {
      const body = movable(input.body);
      return pool.run(
        { kind: 'document', input: { ...input, body }, ...(limits ? { limits } : {}) },
        { ...(budget ? { budget } : {}), transfer: [body.buffer] },
      );
    },
    async enrich(records, budget) {
      if (records.length === 0) return;
      const items = records.map((record) => ({ title: record.title, text: record.text }));
      const enrichments = await pool.run({ kind: 'enrich', items, vendors }, budget ? { budget } : {});
      records.forEach((record, i) => {
        const enrichment = enrichments[i];
        if (enrichment) applyEnrichment(record, enrichment);
      });
    },
    enrichNow: (record) => applyEnrichment(record, enrichmentOf(record, taggerFor(vendors))),
  };
}

/** The bytes in an ArrayBuffer of their own, which can be transferred: the body itself when it is one, else a copy. */
export function movable(body: Uint8Array): Uint8Array<ArrayBuffer> {
  const whole = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && body.buffer instanceof ArrayBuffer;
  return whole ? (body as Uint8Array<ArrayBuffer>) : new Uint8Array(body);
}
