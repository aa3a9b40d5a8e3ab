import type { ParsedEntry, ParsedFeed, ParsedText } from '../../model/index.js';
import { resolveUrl } from '../url.js';
import { looseAttr, type XmlElement } from '../xml/index.js';
import { dispatchChildren, handlers } from './dispatch.js';
import { addCategory, addEnclosure, addLink, addPerson, nonEmptyText, readLink, urlText } from './fields.js';
import { emptyFeed, type Common, type HandlerTable, type ParseContext } from './model.js';
import { atomPerson } from './people.js';
import { atomText, trimmedText } from './text.js';

const ATOM10_NAMESPACE = 'http://www.w3.org/2005/atom';

/** An Atom text construct; Atom 1.0's XHTML `<div>` wrapper is unwrapped (by namespace or document format). */
function text(el: XmlElement, ctx: ParseContext): ParsedText {
  return atomText(el, ctx.format === 'atom1.0' || el.ns.toLowerCase() === ATOM10_NAMESPACE);
}

function category(el: XmlElement, target: Common): void {
  const term = looseAttr(el, 'term')?.trim() || trimmedText(el);
  const scheme = looseAttr(el, 'scheme')?.trim();
  const label = looseAttr(el, 'label')?.trim();
  addCategory(target, { term, ...(scheme ? { scheme } : {}), ...(label ? { label } : {}) });
}

/** atom:id, resolved when (against the spec) it is a relative reference, as feedparser does. */
function id(el: XmlElement, t: Common): void {
  const value = nonEmptyText(el);
  if (value !== undefined) t.id = resolveUrl(value, el.base);
}

/** Elements Atom feeds and entries share (and RSS feeds borrow as `atom:*`). */
const common = {
  title: (el: XmlElement, t: Common, ctx: ParseContext) => (t.title = text(el, ctx)),
  rights: (el: XmlElement, t: Common, ctx: ParseContext) => (t.rights = text(el, ctx)),
  copyright: (el: XmlElement, t: Common, ctx: ParseContext) => (t.rights = text(el, ctx)),
  id,
  updated: (el: XmlElement, t: Common) => (t.updated = nonEmptyText(el) ?? t.updated),
  modified: (el: XmlElement, t: Common) => (t.updated = nonEmptyText(el) ?? t.updated),
  published: (el: XmlElement, t: Common) => (t.published = nonEmptyText(el) ?? t.published),
  issued: (el: XmlElement, t: Common) => (t.published = nonEmptyText(el) ?? t.published),
  author: (el: XmlElement, t: Common) => addPerson(t.authors, atomPerson(el)),
  contributor: (el: XmlElement, t: Common) => addPerson(t.contributors, atomPerson(el)),
  category,
};

/** Atom elements of a feed (`<feed>`), by local name. */
export const atomFeedHandlers: HandlerTable<ParsedFeed> = handlers<ParsedFeed>({
  ...common,
  link: (el, feed) => {
    const link = readLink(el);
    if (!link) return;
    addLink(feed, link);
    if (link.rel === 'self') feed.selfUrl = link.href;
    else if (link.rel === 'hub') feed.hubs.push(link.href);
  },
  subtitle: (el, feed, ctx) => (feed.subtitle = text(el, ctx)),
  tagline: (el, feed, ctx) => (feed.subtitle = text(el, ctx)),
  generator: (el, feed) => {
    const name = trimmedText(el);
    const url = looseAttr(el, 'uri') ?? looseAttr(el, 'url');
    const version = looseAttr(el, 'version')?.trim();
    feed.generator = {
      ...(name ? { name } : {}),
      ...(url?.trim() ? { url: resolveUrl(url, el.base) } : {}),
      ...(version ? { version } : {}),
    };
  },
  icon: (el, feed) => (feed.icon = urlText(el) ?? feed.icon),
  logo: (el, feed) => {
    const url = urlText(el);
    if (url === undefined) return;
    feed.logo = url;
    feed.image = { url };
  },
});

/** An Atom `<source>`: the feed an entry was copied from, read with the feed-level handlers. */
function source(el: XmlElement, entry: ParsedEntry, ctx: ParseContext): void {
  const feed = emptyFeed(ctx.format, '');
  dispatchChildren(el, 'atom', atomFeedHandlers, feed, ctx);
  entry.source = {
    ...(feed.title ? { title: feed.title.value } : {}),
    ...((feed.link ?? feed.selfUrl) ? { url: feed.link ?? feed.selfUrl } : {}),
    ...(feed.id ? { id: feed.id } : {}),
    feed,
  };
}

/** Atom elements of an entry (`<entry>`), by local name. */
export const atomEntryHandlers: HandlerTable<ParsedEntry> = handlers<ParsedEntry>({
  ...common,
  link: (el, entry) => {
    const link = readLink(el);
    if (!link) return;
    addLink(entry, link);
    if (link.rel === 'enclosure') {
      addEnclosure(entry, {
        url: link.href,
        ...(link.type ? { type: link.type } : {}),
        ...(link.length !== undefined ? { length: link.length } : {}),
      });
    }
  },
  summary: (el, entry, ctx) => (entry.summary = text(el, ctx)),
  content: (el, entry, ctx) => entry.content.push(text(el, ctx)),
  created: (el, entry) => (entry.created = nonEmptyText(el) ?? entry.created),
  source,
});
