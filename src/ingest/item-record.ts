import { canonicalUrl, fingerprintWithFeatures } from '../dedup/index.js';
import type { NormalisedItem, VendorMention } from '../model/index.js';
import { toItemRecord } from '../store/index.js';
import type { ItemRecord } from '../store/index.js';

/** Finds the vendors an item is about (the tag stage's VendorMatcher). */
export interface Tagger {
  match(input: { title: string; text: string }): VendorMention[];
}

/**
 * Normalised items → rows for the store, with their canonical URLs, near-duplicate signatures (which the store
 * files as LSH band keys and clusters stories by) and vendors. Items repeating an id already seen
 * in this document are dropped (the first occurrence wins), so one fetch never writes one guid twice.
 * Dates are stored as the feed states them; readers order by the earlier of published and first seen,
 * so a publisher's future-dated item cannot pin itself to the top.
 */
export function toItemRecords(items: readonly NormalisedItem[], tagger?: Tagger): ItemRecord[] {
  const seen = new Set<string>();
  const records: ItemRecord[] = [];
  for (const item of items) {
    const record = toItemRecord(item, { canonicalUrl: canonicalUrl(item.url) ?? null });
    if (seen.has(record.guidKey)) continue;
    const { fingerprint, features } = fingerprintWithFeatures(item);
    record.fingerprint = fingerprint;
    record.features = features;
    if (tagger) record.vendors = tagger.match({ title: item.title, text: item.text });
    seen.add(record.guidKey);
    records.push(record);
  }
  return records;
}
