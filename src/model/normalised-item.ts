import type { FeedFormat } from './feed-format.js';

/** A person, with only the fields that were present. */
export interface Person {
  name?: string;
  email?: string;
  url?: string;
}

/** An attached media file. `length` is bytes, 0 when unknown. */
export interface Enclosure {
  url: string;
  type: string;
  length: number;
}

/** How an item's id was obtained, in fallback order. */
export type ItemIdSource = 'guid' | 'link' | 'hash';

/** One item after normalisation: absolute URLs, UTC dates, plain-text title, sanitised HTML. */
export interface NormalisedItem {
  /** guid / atom:id / JSON id; else the permalink; else a hash of title + date. */
  id: string;
  idSource: ItemIdSource;
  /** Absolute permalink, or null when the entry has none. */
  url: string | null;
  /** Plain text, entities decoded, whitespace collapsed. */
  title: string;
  /** Sanitised HTML ("" when absent). */
  summary: string;
  /** Sanitised HTML ("" when absent). */
  content: string;
  /** Plain text of title + content (or summary), for tagging and dedup. */
  text: string;
  authors: Person[];
  categories: string[];
  /** ISO 8601 UTC, or null. */
  published: string | null;
  /** ISO 8601 UTC, or null. */
  updated: string | null;
  enclosures: Enclosure[];
}

/** Feed-level metadata after normalisation. */
export interface NormalisedFeedMeta {
  title: string;
  link: string;
  description: string;
  language: string;
  /** ISO 8601 UTC, or "" when unknown. */
  updated: string;
  image: string;
  authors: Person[];
}

/** A whole normalised document: what `feedloom parse` prints. */
export interface NormalisedFeed {
  format: FeedFormat;
  encoding: string;
  warnings: string[];
  feed: NormalisedFeedMeta;
  items: NormalisedItem[];
}
