import type { VendorConfig } from '../config/types.js';
import { canonicalUrl, encodedFeaturesOf, fingerprintOf, storyFeatures } from '../dedup/index.js';
import type { NormalisedItem, VendorMention } from '../model/index.js';
// The file, not the store's index: a worker thread has no use for the database drivers the index loads.
import { toItemRecord } from '../store/item-record.js';
import type { ItemRecord } from '../store/item-record.js';
import { compileVendorTagger } from '../tag/index.js';
import type { EnrichInput, Enrichment } from './tasks.js';

/** Finds the vendors an item is about (the tag stage's VendorMatcher). */
export interface Tagger {
  match(input: { title: string; text: string }): VendorMention[];
}

/**
 * Normalised items → rows for the store, with their canonical URLs, but not yet their near-duplicate signatures
 * or vendors (see `enrichmentOf`). Items repeating an id within the document are kept here: the store
 * writes the first of them and drops the rest (store/items.ts), so one fetch never writes one guid twice. Dates are
 * stored as the feed states them; readers order by the earlier of published and first seen, so a publisher's
 * future-dated item cannot pin itself to the top.
 */
export function baseItemRecords(items: readonly NormalisedItem[]): ItemRecord[] {
  return items.map((item) => toItemRecord(item, { canonicalUrl: canonicalUrl(item.url) ?? null }));
}

/**
 * The dedup and tag stages for one item: its vendors, its story features in stored form (what story clustering
 * compares and indexes it by) and a near-duplicate signature derived from them.
 */
export function enrichmentOf(input: EnrichInput, tagger?: Tagger): Enrichment {
  const vendors = tagger?.match({ title: input.title, text: input.text });
  const about = (vendors ?? []).filter((v) => v.role === 'about').map((v) => v.vendorId);
  const features = storyFeatures({ title: input.title, text: input.text, about });
  return { ...(vendors ? { vendors } : {}), features: encodedFeaturesOf(features), fingerprint: fingerprintOf(features) };
}

/** Write an enrichment onto its record. */
export function applyEnrichment(record: ItemRecord, enrichment: Enrichment): void {
  if (enrichment.vendors) record.vendors = enrichment.vendors;
  record.features = enrichment.features;
  record.fingerprint = enrichment.fingerprint;
}

const taggers = new Map<string, Tagger>();
/** Dictionaries compiled in this thread, kept so a config reload does not grow the cache without end. */
const MAX_TAGGERS = 4;

/** The vendor tagger for a dictionary, compiled once per thread and dictionary key. */
export function taggerFor(vendors: { key: string; list: VendorConfig[] }): Tagger {
  const known = taggers.get(vendors.key);
  if (known) return known;
  const tagger = compileVendorTagger(vendors.list);
  if (taggers.size >= MAX_TAGGERS) taggers.delete(taggers.keys().next().value ?? '');
  taggers.set(vendors.key, tagger);
  return tagger;
}
