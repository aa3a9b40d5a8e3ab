/** What every HTML page needs to know about the site: its name, where it lives, and its curated feeds. */
export interface SiteInfo {
  title: string;
  /** Absolute http(s) URL the site is served at (a path prefix such as `/news` is honoured). */
  baseUrl: string;
  description: string;
  /** BCP 47 language tag for `<html lang>`. */
  language: string;
  /** The curated feeds, in config order; the first is the home page's. */
  feeds: { id: string; title: string }[];
}

/** How ingestion is doing, for the empty state ("No headlines yet — ... last attempt ..."). */
export interface IngestStatus {
  /** How often sources are fetched, in minutes. */
  intervalMinutes: number;
  /** ISO 8601 UTC of the most recent fetch attempt of any source, or null if none yet. */
  lastAttemptAt: string | null;
  /** How many sources are enabled. */
  sourcesTotal: number;
  /** How many of them failed their last attempt. */
  sourcesFailing: number;
}

import type { FeedFormatName } from '../routes/index.js';

export type { FeedFormatName };

/** Media type of each rendering: for `Content-Type` and `<link rel="alternate" type>`. */
export const FEED_MEDIA_TYPES: Readonly<Record<FeedFormatName, string>> = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
};

/** Media type of the OPML source list. */
export const OPML_MEDIA_TYPE = 'text/x-opml';
