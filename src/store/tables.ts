import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Timestamp } from './database.js';

/** One configured feed and its fetch state. `id` comes from feeds.config.json; rows are never deleted. */
export interface SourceTable {
  id: string;
  url: string;
  title: string | null;
  site_url: string | null;
  /** JSON array of strings. */
  tags: string;
  /** 1 while the source is in the config and enabled, else 0 (SQLite has no boolean). */
  enabled: number;
  priority: number;
  etag: string | null;
  last_modified: string | null;
  last_fetch_at: Timestamp | null;
  last_success_at: Timestamp | null;
  last_status: number | null;
  last_error_code: string | null;
  last_error: string | null;
  /** Consecutive failed fetches; 0 after a success. */
  error_count: Generated<number>;
  next_fetch_at: Timestamp | null;
  lease_owner: string | null;
  lease_token: string | null;
  lease_until: Timestamp | null;
  /** Where the last fetch was permanently redirected to (301/308 on every hop), else null. */
  redirect_url: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The configured URL that answered 410 Gone: not fetched while `url` still equals it (migration 0004). */
  gone_url: string | null;
  /** A permanent redirect confirmed on two consecutive fetches: fetched instead of `url` while `url` = `moved_from`. */
  moved_url: string | null;
  moved_from: string | null;
  /** Median spacing of the source's recent items, in ms (how often it publishes), when known. */
  publish_gap_ms: number | null;
  /** The date of the newest item the last successful fetch listed. */
  newest_item_at: Timestamp | null;
  /** JSON of what the feed last asked for (ttl, sy:*, skipHours/skipDays): kept across 304s and errors. */
  feed_hints: string | null;
  /** The source whose URL this one permanently redirects onto: a duplicate, not fetched while `url` = `duplicate_url` (migration 0010). */
  duplicate_of: string | null;
  duplicate_url: string | null;
}

/** One row per fetch attempt, successful or not. */
export interface FetchTable {
  id: Generated<number>;
  source_id: string;
  started_at: Timestamp;
  duration_ms: number;
  http_status: number | null;
  bytes: number;
  /** 1 for a 304 Not Modified, else 0. */
  not_modified: number;
  items_seen: number;
  items_new: number;
  items_updated: number;
  error_code: string | null;
  error_message: string | null;
}

/** What purged `fetches` rows counted, by result ('ok', 'not_modified', 'error') and code (see metrics-reads). */
export interface FetchTotalTable {
  result: string;
  code: string;
  count: number | string;
  items_seen: number | string;
  items_new: number | string;
  items_updated: number | string;
}

/** One item of one source; unique by (source_id, guid_key). */
export interface ItemTable {
  id: Generated<number>;
  source_id: string;
  guid: string;
  /** sha256 hex of `guid`: a fixed-size key for the unique index. */
  guid_key: string;
  url: string | null;
  canonical_url: string | null;
  title: string;
  summary_html: string;
  content_html: string;
  text: string;
  /** JSON array of Person. */
  authors: string;
  /** JSON array of strings. */
  categories: string;
  /** JSON array of Enclosure. */
  enclosures: string;
  published_at: Timestamp | null;
  updated_at: Timestamp | null;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
  /** Hash of the stored content: an update is written only when it changes. */
  content_hash: string;
  /** Near-duplicate signature (dedup stage), when computed. */
  fingerprint: string | null;
  /** The story (cluster of items telling the same news) this item belongs to, when assigned. */
  story_id: number | null;
  /** What the item is ordered by: the earlier of published_at and first_seen_at. */
  sort_at: Timestamp | null;
}

/** One story: a cluster of items (from one or more sources) that tell the same news. */
export interface StoryTable {
  /** The id of the item that founded the story. */
  id: number;
  /** The earliest `sort_at` of its items. */
  published_at: Timestamp;
  /** When an item joined or changed. */
  updated_at: Timestamp;
  item_count: number;
  source_count: number;
}

/** A vendor an item is about, and the text that matched. */
export interface ItemVendorTable {
  item_id: number;
  vendor_id: string;
  matched: string;
  /** 'title' or 'text'. */
  field: string;
  /** 'about' (the item is about the vendor) or 'mention' (it names it in passing). */
  role: string;
}

/** The identity of a purged item, so that a feed still listing it does not bring it back. */
export interface ItemTombstoneTable {
  source_id: string;
  guid_key: string;
  purged_at: Timestamp;
}

/** One ingestion pass that fetched at least one source (migration 0009). */
export interface IngestPassTable {
  id: Generated<number>;
  owner: string;
  started_at: Timestamp;
  duration_ms: number;
  sources: number;
  failed: number;
  items_new: number;
}

/** Named counters; `content` is bumped whenever stored items change, so readers know to re-render. */
export interface SiteStateTable {
  name: string;
  version: number;
}

/** A `sources` row as read. */
export type SourceRow = Selectable<SourceTable>;
/** A `sources` row to insert. */
export type NewSourceRow = Insertable<SourceTable>;
/** A change to a `sources` row. */
export type SourceUpdate = Updateable<SourceTable>;
/** A `fetches` row as read. */
export type FetchRow = Selectable<FetchTable>;
/** A `fetches` row to insert. */
export type NewFetchRow = Insertable<FetchTable>;
/** An `items` row as read. */
export type ItemRow = Selectable<ItemTable>;
/** An `items` row to insert. */
export type NewItemRow = Insertable<ItemTable>;
/** A change to an `items` row. */
export type ItemUpdate = Updateable<ItemTable>;
/** A `stories` row as read. */
export type StoryRow = Selectable<StoryTable>;
/** An `item_vendors` row as read. */
export type ItemVendorRow = Selectable<ItemVendorTable>;
