import { canonicalUrl, DEFAULT_DEDUP_WINDOW_MS, encodedFeaturesOf, fingerprintOf, storyAssigner, storyFeatures } from '../../src/dedup/index.js';
import type { FetchOutcome, ItemRecord } from '../../src/store/index.js';
import { contentHash, guidKey } from '../../src/store/index.js';

/** An item record as ingest builds it: canonical URL, story features and signature, hash over its fields. */
export function storyRecord(guid: string, fields: { title: string; body: string; url?: string; publishedAt?: string; features?: boolean }): ItemRecord {
  const url = fields.url ?? `https://${guid}.example.org/article`;
  const hashed = {
    url, canonicalUrl: canonicalUrl(url) ?? null, title: fields.title, summaryHtml: `<p>${fields.body}</p>`, contentHtml: '', authors: [], categories: [],
    enclosures: [], publishedAt: fields.publishedAt ?? '2024-05-07T10:00:00.000Z', updatedAt: null,
  };
  const text = `${fields.title} ${fields.body}`;
  const features = fields.features === false ? undefined : storyFeatures({ title: fields.title, text });
  return {
    ...hashed, guid, guidKey: guidKey(guid), text, contentHash: contentHash(hashed),
    fingerprint: features === undefined ? null : fingerprintOf(features), ...(features === undefined ? {} : { features: encodedFeaturesOf(features) }), vendors: [],
  };
}

/** A successful fetch of `sourceId` at `startedAt` carrying `items`, with story clustering (as ingest does it). */
export function fetchOf(sourceId: string, startedAt: string, items: ItemRecord[], changes: Partial<FetchOutcome> = {}): FetchOutcome {
  return {
    sourceId, startedAt, durationMs: 5, status: 200, bytes: 100, notModified: false, nextFetchAt: null, items,
    stories: storyAssigner({ windowMs: DEFAULT_DEDUP_WINDOW_MS }), ...changes,
  };
}

/** A press release's text, long enough to share many shingles. */
export const RELEASE = 'Northwind Hosting, a provider of managed cloud and dedicated servers, today announced the opening of its new data center '
  + 'in Frankfurt, Germany. The 12-megawatt facility, located in the Ostend district, adds capacity for 4,000 racks and gives '
  + 'customers direct access to the DE-CIX internet exchange. “German customers want their data to stay in Germany,” said Marieke de Vries, '
  + 'chief executive officer of Northwind Hosting.';

/** An unrelated story's text. */
export const KERNEL = 'Linus Torvalds has released Linux 6.9. Highlights include support for Intel’s Flexible Return and Event Delivery, '
  + 'the dm-vdo device-mapper target for deduplication and compression, and larger page-cache folios on more filesystems.';
