import type { FeedFormat, ParsedEntry, ParsedFeed } from '../../model/index.js';
import {
  dublinCoreEntryHandlers,
  dublinCoreFeedHandlers,
  itunesEntryHandlers,
  itunesFeedHandlers,
  mediaEntryHandlers,
  mediaFeedHandlers,
  miscEntryHandlers,
  miscFeedHandlers,
  syndicationFeedHandlers,
} from '../extensions/index.js';
import { elementKey } from '../namespaces.js';
import { attr, childElements, type XmlElement } from '../xml/index.js';
import { atomEntryHandlers, atomFeedHandlers } from './atom-elements.js';
import { dispatchChildren, merged } from './dispatch.js';
import { emptyEntry, emptyFeed, type ParseContext } from './model.js';
import { language } from './text.js';

const feedHandlers = merged<ParsedFeed>(
  dublinCoreFeedHandlers,
  itunesFeedHandlers,
  mediaFeedHandlers,
  syndicationFeedHandlers,
  miscFeedHandlers,
  atomFeedHandlers,
);

const entryHandlers = merged<ParsedEntry>(
  dublinCoreEntryHandlers,
  itunesEntryHandlers,
  mediaEntryHandlers,
  miscEntryHandlers,
  atomEntryHandlers,
);

function parseEntry(el: XmlElement, ctx: ParseContext): ParsedEntry {
  const entry = emptyEntry();
  if (el.base !== undefined) entry.base = el.base;
  const lang = language(el.lang);
  if (lang !== undefined) entry.language = lang;
  dispatchChildren(el, 'atom', entryHandlers, entry, ctx);
  return entry;
}

/** Parse an Atom 1.0 or 0.3 `<feed>` document. */
export function parseAtom(root: XmlElement, format: FeedFormat, ctx: ParseContext): ParsedFeed {
  const feed = emptyFeed(format, '');
  const version = attr(root, 'version')?.trim();
  if (version) feed.version = version;
  if (root.base !== undefined) feed.base = root.base;
  const lang = language(root.lang);
  if (lang !== undefined) feed.language = lang;
  ctx.homeNamespace = root.ns;
  dispatchChildren(root, 'atom', feedHandlers, feed, ctx);
  // feedparser reads an `<item>` in an Atom feed as an entry too.
  const isEntry = (el: XmlElement): boolean => ['entry', 'item'].includes(elementKey(el, 'atom', root.ns).toLowerCase());
  feed.entries = childElements(root)
    .filter(isEntry)
    .map((el) => parseEntry(el, ctx));
  return feed;
}
