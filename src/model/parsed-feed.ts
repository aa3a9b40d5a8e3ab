import type { FeedFormat } from './feed-format.js';

/**
 * A text construct as the document gave it: `text` is plain text, `html` is HTML markup
 * (not yet sanitised), `xhtml` is serialised inline XHTML markup. Entities are already decoded.
 */
export interface ParsedText {
  value: string;
  type: 'text' | 'html' | 'xhtml';
  /** xml:lang in effect, if any. */
  language?: string;
  /** xml:base in effect (absolute), or the document URL: what relative URLs inside `value` resolve against. */
  base?: string;
}

/** A person (author, contributor, managing editor). */
export interface ParsedPerson {
  name?: string;
  email?: string;
  url?: string;
}

/** A link (Atom link, RSS link, JSON url). `href` is absolute when a base was known. */
export interface ParsedLink {
  href: string;
  rel: string;
  type?: string;
  title?: string;
  length?: number;
  hreflang?: string;
}

/** A category / tag / keyword. */
export interface ParsedCategory {
  term: string;
  scheme?: string;
  label?: string;
}

/** An attached media file (RSS enclosure, Atom rel=enclosure, JSON attachment). */
export interface ParsedEnclosure {
  url: string;
  type?: string;
  length?: number;
}

/** The feed-level image (RSS image, Atom logo, JSON icon). */
export interface ParsedImage {
  url: string;
  title?: string;
  link?: string;
  width?: number;
  height?: number;
}

/** Where an entry was republished from (RSS <source>, Atom <source>). */
export interface ParsedSource {
  title?: string;
  url?: string;
  id?: string;
  /**
   * An Atom `<source>` read as the feed it describes (title construct, links, authors, categories,
   * rights, updated ...), when the entry had one. Its `entries` and `warnings` are empty, `encoding` is "".
   */
  feed?: ParsedFeed;
}

/**
 * One entry as the document gave it. Dates are the raw strings (normalise parses them);
 * URLs in attributes are already resolved against xml:base and the document URL.
 */
export interface ParsedEntry {
  /** guid / atom:id / JSON id, as written (trimmed). */
  id?: string;
  /** RSS guid isPermaLink (true when absent on an RSS guid). */
  idIsPermalink?: boolean;
  title?: ParsedText;
  /** The entry's main permalink (alternate link). */
  link?: string;
  links: ParsedLink[];
  summary?: ParsedText;
  /** Full content bodies (content:encoded, atom:content, xhtml:body, JSON content_html/text). */
  content: ParsedText[];
  authors: ParsedPerson[];
  contributors: ParsedPerson[];
  categories: ParsedCategory[];
  enclosures: ParsedEnclosure[];
  published?: string;
  updated?: string;
  created?: string;
  expired?: string;
  comments?: string;
  rights?: ParsedText;
  language?: string;
  /** The effective xml:base of the entry element (absolute), else the document URL. */
  base?: string;
  source?: ParsedSource;
  /** A representative image (media:thumbnail, itunes:image, JSON image). */
  image?: string;
}

/** Feed-level generator information. */
export interface ParsedGenerator {
  name?: string;
  url?: string;
  version?: string;
}

/** Publisher hints about how often to poll (RSS ttl, skipHours/skipDays, sy:*). */
export interface ParsedPollingHints {
  ttlMinutes?: number;
  skipHours: number[];
  skipDays: string[];
  updatePeriod?: string;
  updateFrequency?: number;
  updateBase?: string;
}

/** The result of the parse stage: one document, faithfully read, not yet normalised. */
export interface ParsedFeed {
  format: FeedFormat;
  /** The version attribute as written (e.g. "2.0", "0.91"), if any. */
  version?: string;
  /** The character encoding the bytes were decoded with (lower-case IANA name, e.g. "utf-8"). */
  encoding: string;
  /** Recoverable problems, like feedparser's bozo: the document was read, but not cleanly. */
  warnings: string[];
  title?: ParsedText;
  subtitle?: ParsedText;
  rights?: ParsedText;
  /** The feed's home page (alternate link). */
  link?: string;
  links: ParsedLink[];
  id?: string;
  language?: string;
  updated?: string;
  published?: string;
  image?: ParsedImage;
  icon?: string;
  logo?: string;
  authors: ParsedPerson[];
  contributors: ParsedPerson[];
  categories: ParsedCategory[];
  generator?: ParsedGenerator;
  docs?: string;
  polling: ParsedPollingHints;
  /** WebSub hubs advertised by the feed (link rel="hub"). */
  hubs: string[];
  /** The feed's own URL as it states it (link rel="self" / JSON feed_url). */
  selfUrl?: string;
  /** The document's base URL: xml:base on the root resolved against the URL it came from. */
  base?: string;
  entries: ParsedEntry[];
}
