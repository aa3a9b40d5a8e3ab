import { canonicalUrl, encodedFeaturesOf, fingerprintOf, storyFeatures } from '../dedup/index.js';
import type { NormalisedItem, VendorMention } from '../model/index.js';
import { toItemRecord } from '../store/index.js';
import type { ItemRecord } from '../store/index.js';

/** Finds the vendors an item is about (the tag stage's VendorMatcher). */
export interface Tagger {
  match(input: { title: string; text: string }): VendorMention[];
}

/**
 * Normalised items → rows for the store, with their canonical URLs, but not yet their near-duplicate signatures
 * or vendors (see `enricher`). Items repeating an id within the document are kept here: the store
 * writes the first of them and drops the rest (store/items.ts), so one fetch never writes one guid twice. Dates are stored as the feed states them; readers
 * order by the earlier of published and first seen, so a publisher's future-dated item cannot pin itself to the top.
 */
export function baseItemRecords(items: readonly NormalisedItem[]): ItemRecord[] {
  return items.map((item) => toItemRecord(item, { canonicalUrl: canonicalUrl(item.url) ?? null }));
}

/**
 * The dedup and tag stages for one record: its story features in stored form (what story clustering compares and
 * indexes it by), a near-duplicate signature derived from them, and its vendors. Costly, so ingest runs it only
 * for items that are new or changed; the store runs it for any other record it ends up writing.
 */
export function enricher(tagger?: Tagger): (record: ItemRecord) => void {
  return (record) => {
    if (tagger) record.vendors = tagger.match({ title: record.title, text: record.text });
    const about = (record.vendors ?? []).filter((v) => v.role === 'about').map((v) => v.vendorId);
    const features = storyFeatures({ title: record.title, text: record.text, about });
    record.features = encodedFeaturesOf(features);
    record.fingerprint = fingerprintOf(features);
  };
}

/** `baseItemRecords` with every record enriched. */
export function toItemRecords(items: readonly NormalisedItem[], tagger?: Tagger): ItemRecord[] {
  const records = baseItemRecords(items);
  records.forEach(enricher(tagger));
  return records;
}
