import type { Enclosure, Person } from './normalised-item.js';

/**
 * What a vendor is to an item: `about` — the item is about it (an editor would file it there: named in the
 * headline, the lead's subject, or listed by a roundup); `mention` — the item names it in passing.
 */
export type VendorRole = 'about' | 'mention';

/** A vendor an item names, the text that matched, and whether the item is about it. */
export interface VendorMention {
  vendorId: string;
  /** The alias text as it appeared in the item. */
  matched: string;
  /** Where it appeared. */
  field: 'title' | 'text';
  role: VendorRole;
}

/** One outlet's telling of a story: what `_feedloom.coverage` lists and "Also covered by" names. */
export interface CoverageEntry {
  /** Source id from the config. */
  source: string;
  /** The outlet's display name. */
  sourceTitle: string;
  /** The item's permalink at that outlet. */
  url: string | null;
  /** The item's original guid / id in its feed. */
  id: string;
  /** ISO 8601 UTC, or null. */
  published: string | null;
  /** Vendor ids the item is about. */
  vendors: string[];
  /** Vendor ids the item names (passing mentions included; a superset of `vendors`). */
  mentions: string[];
}

/** The outlet an entry comes from. */
export interface EntrySource {
  id: string;
  title: string;
  /** The outlet's home page, if known. */
  siteUrl: string | null;
  /** The outlet's feed URL (RSS `<source url>`, Atom `<source>` self link), if known. */
  feedUrl?: string | null;
}

/** One entry of a curated feed: a story, shown through its representative item. */
export interface CuratedEntry {
  /** Stable entry id (does not change when the item is re-polled or re-rendered). */
  id: string;
  /** The story this entry stands for (`/stories/{storyId}`). */
  storyId: string;
  title: string;
  /** The original article's permalink, or null. */
  url: string | null;
  /** Sanitised HTML. */
  summaryHtml: string;
  /** Sanitised HTML. */
  contentHtml: string;
  /** ISO 8601 UTC: when the story was published (the earlier of stated and first seen). */
  published: string;
  /** ISO 8601 UTC: when the entry last changed. */
  updated: string;
  authors: Person[];
  categories: string[];
  enclosures: Enclosure[];
  source: EntrySource;
  /** The vendors the story is about (any of its items is). */
  vendors: { id: string; name: string }[];
  /** The vendors any of its items names, `vendors` included. */
  mentions: { id: string; name: string }[];
  /** Every item of the story, the representative first. */
  coverage: CoverageEntry[];
}

/** A curated feed ready to render in any format. URLs are absolute (from `site.baseUrl`). */
export interface CuratedFeed {
  id: string;
  title: string;
  description: string;
  language: string;
  /** The HTML page of this feed. */
  pageUrl: string;
  /** Self URLs of the three renderings. */
  feedUrls: { rss: string; atom: string; json: string };
  /** The site's home page and title. */
  site: { title: string; url: string };
  /** WebSub hubs to advertise. */
  hubs: string[];
  /** ISO 8601 UTC: the newest entry's `updated`, or the build time when empty. */
  updated: string;
  /** Newest first. */
  entries: CuratedEntry[];
}
