import { createHash } from 'node:crypto';
import type { VendorMention } from '../model/curated-feed.js';
import type { NormalisedItem } from '../model/normalised-item.js';
import type { TimeInput } from './database.js';
import { toOptionalTimestamp } from './database.js';

/** One item as the store receives it from a fetch: the normalised item plus its keys and hashes. */
export interface ItemRecord extends Pick<NormalisedItem, 'url' | 'title' | 'text' | 'authors' | 'categories' | 'enclosures'> {
  /** The item's identity within its source (NormalisedItem.id). */
  guid: NormalisedItem['id'];
  /** `guidKey(guid)`. */
  guidKey: string;
  canonicalUrl: string | null;
  /** NormalisedItem.summary. */
  summaryHtml: NormalisedItem['summary'];
  /** NormalisedItem.content. */
  contentHtml: NormalisedItem['content'];
  /** From the feed; stored canonical, or null when absent or not a usable date. */
  publishedAt: TimeInput | null;
  updatedAt: TimeInput | null;
  /** Changes exactly when the stored content should be rewritten: `contentHash(record)`. */
  contentHash: string;
  /** Near-duplicate signature from the dedup stage, when it computed one. */
  fingerprint?: string | null;
  /** The dedup stage's story features in stored form (opaque to the store: story clustering reads them). */
  features?: Uint8Array;
  /** The vendors the item is about (tag stage); rewritten with the item. */
  vendors?: VendorMention[];
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The unique-index key for a guid: sha256 hex (64 characters), whatever the guid's length. */
export function guidKey(guid: string): string {
  return sha256(guid);
}

/** The fields whose change makes an item "updated". */
export type HashedFields = Omit<ItemRecord, 'guid' | 'guidKey' | 'contentHash' | 'text' | 'fingerprint' | 'features' | 'vendors'>;

/** sha256 hex over the item's content fields: the same content always gives the same hash. */
export function contentHash(fields: HashedFields): string {
  // The instant, not its spelling: "...00Z" and "...00.000Z" are the same content.
  const time = (value: TimeInput | null): string | null =>
    toOptionalTimestamp(value) ?? (value instanceof Date ? null : value);
  return sha256(
    JSON.stringify([
      fields.url,
      fields.canonicalUrl,
      fields.title,
      fields.summaryHtml,
      fields.contentHtml,
      fields.authors,
      fields.categories,
      fields.enclosures,
      time(fields.publishedAt),
      time(fields.updatedAt),
    ]),
  );
}

/** Build the store's record for a normalised item; `canonicalUrl` and `fingerprint` come from dedup. */
export function toItemRecord(
  item: NormalisedItem,
  extras: { canonicalUrl?: string | null; fingerprint?: string | null; vendors?: VendorMention[] } = {},
): ItemRecord {
  const fields: HashedFields = {
    url: item.url,
    canonicalUrl: extras.canonicalUrl !== undefined ? extras.canonicalUrl : item.url,
    title: item.title,
    summaryHtml: item.summary,
    contentHtml: item.content,
    authors: item.authors,
    categories: item.categories,
    enclosures: item.enclosures,
    publishedAt: item.published,
    updatedAt: item.updated,
  };
  return {
    ...fields,
    guid: item.id,
    guidKey: guidKey(item.id),
    text: item.text,
    contentHash: contentHash(fields),
    fingerprint: extras.fingerprint ?? null,
    vendors: extras.vendors ?? [],
  };
}
