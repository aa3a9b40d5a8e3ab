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
import { dispatchChildren, merged, prefixed } from './dispatch.js';
import { emptyEntry, emptyFeed, type ParseContext } from './model.js';
import { rssEntryHandlers, rssFeedHandlers } from './rss-elements.js';
import { rssPerson } from './people.js';
import { language } from './text.js';

const RDF_NAMESPACE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

const feedHandlers = merged<ParsedFeed>(
  dublinCoreFeedHandlers,
  itunesFeedHandlers,
  mediaFeedHandlers,
  syndicationFeedHandlers,
  miscFeedHandlers,
  prefixed('atom', atomFeedHandlers),
  rssFeedHandlers,
);

const entryHandlers = merged<ParsedEntry>(
  dublinCoreEntryHandlers,
  itunesEntryHandlers,
  mediaEntryHandlers,
  miscEntryHandlers,
  prefixed('atom', atomEntryHandlers),
  rssEntryHandlers,
);

function isRss(el: XmlElement, local: string, ctx: ParseContext): boolean {
  return elementKey(el, 'rss', ctx.homeNamespace).toLowerCase() === local;
}

function parseItem(item: XmlElement, ctx: ParseContext): ParsedEntry {
  const entry = emptyEntry();
  if (item.base !== undefined) entry.base = item.base;
  const lang = language(item.lang);
  if (lang !== undefined) entry.language = lang;
  dispatchChildren(item, 'rss', entryHandlers, entry, ctx);
  // RSS 1.0 items are RDF resources: rdf:about names them when there is no guid.
  const about = attr(item, 'about', RDF_NAMESPACE)?.trim();
  if (entry.id === undefined && about) entry.id = about;
  return entry;
}

/** Parse an RSS 0.9x / 2.0 (`<rss>`) or RSS 1.0 / 0.90 (`<rdf:RDF>`) document. */
export function parseRss(root: XmlElement, format: FeedFormat, ctx: ParseContext): ParsedFeed {
  const feed = emptyFeed(format, '');
  const version = attr(root, 'version')?.trim();
  if (version) feed.version = version;
  if (root.base !== undefined) feed.base = root.base;

  const topLevel = childElements(root);
  const channel = topLevel.find((el) => el.local.toLowerCase() === 'channel') ?? root;
  ctx.homeNamespace = channel.ns;
  const lang = language(channel.lang);
  if (lang !== undefined) feed.language = lang;
  dispatchChildren(channel, 'rss', feedHandlers, feed, ctx);
  if (feed.authors.length === 0) {
    // The webmaster is only a last resort for "who is behind this feed".
    const webMaster = childElements(channel).find((el) => isRss(el, 'webmaster', ctx));
    const person = webMaster && rssPerson(webMaster);
    if (person) feed.authors.push(person);
  }

  // RSS 1.0 puts items and the image beside the channel; sloppy RSS 2.0 sometimes does too.
  const items = channel === root ? [] : topLevel.filter((el) => isRss(el, 'item', ctx));
  items.push(...childElements(channel).filter((el) => isRss(el, 'item', ctx)));
  if (channel !== root) {
    const image = topLevel.find((el) => isRss(el, 'image', ctx));
    // The channel's own <image> is often just an rdf:resource reference to this one.
    if (image) rssFeedHandlers.get('image')?.(image, feed, ctx);
  }
  feed.entries = items.map((item) => parseItem(item, ctx));
  return feed;
}
