import type { FeedFormat, ParsedEntry, ParsedFeed } from '../../model/index.js';
import type { Warnings } from '../warnings.js';
import type { XmlElement } from '../xml/index.js';

/** The fields feeds and entries share, so one handler can fill either. */
export type Common = Pick<
  ParsedFeed & ParsedEntry,
  'links' | 'authors' | 'contributors' | 'categories'
> &
  Partial<Pick<ParsedFeed & ParsedEntry, 'title' | 'link' | 'rights' | 'updated' | 'published' | 'id' | 'language'>>;

/** What every handler may need besides the element and its target. */
export interface ParseContext {
  format: FeedFormat;
  warnings: Warnings;
  /** The namespace of the feed's own elements (the root's or channel's), matched like no namespace. */
  homeNamespace: string;
  /** The document URL, when known. */
  url?: string;
  /** The document's language from HTTP (Content-Language), when known. */
  language?: string;
}

/** Fills a field of `target` from one child element. */
export type Handler<T> = (el: XmlElement, target: T, ctx: ParseContext) => void;

/** Handlers by lower-case element key (see `elementKey`): `title`, `dc:creator`, `atom:link` ... */
export type HandlerTable<T> = ReadonlyMap<string, Handler<T>>;

/** A feed with every list empty, ready to be filled. */
export function emptyFeed(format: FeedFormat, encoding: string): ParsedFeed {
  return {
    format,
    encoding,
    warnings: [],
    links: [],
    authors: [],
    contributors: [],
    categories: [],
    polling: { skipHours: [], skipDays: [] },
    hubs: [],
    entries: [],
  };
}

/** An entry with every list empty, ready to be filled. */
export function emptyEntry(): ParsedEntry {
  return { links: [], content: [], authors: [], contributors: [], categories: [], enclosures: [] };
}
