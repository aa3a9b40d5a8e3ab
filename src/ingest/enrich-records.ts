import type { NormalisedItem } from '../model/index.js';
import type { ItemRecord } from '../store/index.js';
import { applyEnrichment, baseItemRecords, enrichmentOf } from '../work/index.js';
import type { Tagger } from '../work/index.js';

export type { Tagger };

/** Normalised items → the store's records, each enriched (story features, signature, vendors), in this thread. */
export function toItemRecords(items: readonly NormalisedItem[], tagger?: Tagger): ItemRecord[] {
  const records = baseItemRecords(items);
  for (const record of records) applyEnrichment(record, enrichmentOf(record, tagger));
  return records;
}
