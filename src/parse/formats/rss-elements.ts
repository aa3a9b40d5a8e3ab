import type { ParsedEntry, ParsedFeed, ParsedImage } from '../../model/index.js';
import { resolveUrl } from '../url.js';
import { childElements, looseAttr, type XmlElement } from '../xml/index.js';
import { handlers } from './dispatch.js';
import {
  addCategory,
  addEnclosure,
  addLink,
  addPerson,
  nonEmptyText,
  parseInteger,
  readLink,
  setSummaryOrContent,
  urlAttr,
  urlText,
} from './fields.js';
import type { Common, HandlerTable } from './model.js';
import { rssPerson } from './people.js';
import { htmlText, language, rssText, trimmedText } from './text.js';

/** An RSS `<link>`: its text as a URL (or an Atom-style href, which sloppy feeds use). */
function link(el: XmlElement, t: Common): void {
  if (looseAttr(el, 'href') !== undefined) {
    const atomStyle = readLink(el);
    if (atomStyle) addLink(t, atomStyle);
    return;
  }
  // feedparser's repair for query strings whose `&b=2` was written `&b;=2` (an undefined entity).
  const text = trimmedText(el).replace(/&([A-Za-z0-9_]+);/g, '&$1');
  if (text) addLink(t, { href: resolveUrl(text, el.base), rel: 'alternate' });
}

function category(el: XmlElement, t: Common): void {
  const domain = looseAttr(el, 'domain')?.trim();
  addCategory(t, { term: trimmedText(el), ...(domain ? { scheme: domain } : {}) });
}

const common = {
  title: (el: XmlElement, t: Common) => (t.title = rssText(el)),
  link,
  author: (el: XmlElement, t: Common) => addPerson(t.authors, rssPerson(el)),
  category,
  copyright: (el: XmlElement, t: Common) => (t.rights = rssText(el)),
  language: (el: XmlElement, t: Common) => (t.language = language(nonEmptyText(el)) ?? t.language),
  pubdate: (el: XmlElement, t: Common) => (t.published = nonEmptyText(el) ?? t.published),
};

function image(el: XmlElement, feed: ParsedFeed): void {
  const img: Partial<ParsedImage> = {};
  for (const child of childElements(el)) {
    const local = child.local.toLowerCase();
    if (local === 'url') img.url = urlText(child);
    else if (local === 'title') img.title = trimmedText(child);
    else if (local === 'link') img.link = urlText(child);
    else if (local === 'width') img.width = parseInteger(trimmedText(child));
    else if (local === 'height') img.height = parseInteger(trimmedText(child));
  }
  // RSS 1.0 names the image by rdf:about when the <url> child is missing.
  const url = img.url ?? urlAttr(el, 'about') ?? urlAttr(el, 'resource');
  if (!url) return;
  const clean = Object.fromEntries(Object.entries(img).filter(([, v]) => v !== undefined && v !== ''));
  feed.image = { ...clean, url };
}

/** RSS elements of a channel, by lower-case local name. */
export const rssFeedHandlers: HandlerTable<ParsedFeed> = handlers<ParsedFeed>({
  ...common,
  description: (el, feed) => (feed.subtitle = htmlText(el)),
  lastbuilddate: (el, feed) => (feed.updated = nonEmptyText(el) ?? feed.updated),
  managingeditor: (el, feed) => addPerson(feed.authors, rssPerson(el)),
  image,
  generator: (el, feed) => {
    const name = trimmedText(el);
    if (name) feed.generator = { ...feed.generator, name };
  },
  docs: (el, feed) => (feed.docs = urlText(el) ?? feed.docs),
  ttl: (el, feed) => (feed.polling.ttlMinutes = parseInteger(trimmedText(el)) ?? feed.polling.ttlMinutes),
  skiphours: (el, feed) => {
    for (const hour of childElements(el)) {
      const n = parseInteger(trimmedText(hour));
      if (n !== undefined && n <= 24 && feed.polling.skipHours.length < 25 && !feed.polling.skipHours.includes(n)) feed.polling.skipHours.push(n);
    }
  },
  skipdays: (el, feed) => {
    for (const day of childElements(el)) {
      const name = trimmedText(day);
      if (name && feed.polling.skipDays.length < 7 && !feed.polling.skipDays.includes(name)) feed.polling.skipDays.push(name);
    }
  },
});

/** RSS elements of an item, by lower-case local name. */
export const rssEntryHandlers: HandlerTable<ParsedEntry> = handlers<ParsedEntry>({
  ...common,
  description: (el, entry) => setSummaryOrContent(entry, htmlText(el)),
  summary: (el, entry) => setSummaryOrContent(entry, rssText(el)),
  tags: (el, entry) => {
    for (const term of trimmedText(el).split(',')) if (term.trim()) addCategory(entry, { term: term.trim() });
  },
  guid: (el, entry) => {
    const id = nonEmptyText(el);
    if (id === undefined) return;
    entry.id = id;
    entry.idIsPermalink = looseAttr(el, 'isPermaLink')?.trim().toLowerCase() !== 'false';
  },
  comments: (el, entry) => (entry.comments = urlText(el) ?? entry.comments),
  enclosure: (el, entry) => {
    const url = urlAttr(el, 'url') ?? urlAttr(el, 'href');
    if (!url) return;
    const type = looseAttr(el, 'type')?.trim();
    const length = parseInteger(looseAttr(el, 'length'));
    addEnclosure(entry, { url, ...(type ? { type } : {}), ...(length !== undefined ? { length } : {}) });
    entry.links.push({ href: url, rel: 'enclosure', ...(type ? { type } : {}), ...(length !== undefined ? { length } : {}) });
  },
  source: (el, entry) => {
    const title = trimmedText(el);
    const url = urlAttr(el, 'url');
    entry.source = { ...(title ? { title } : {}), ...(url ? { url } : {}) };
  },
  expirationdate: (el, entry) => (entry.expired = nonEmptyText(el) ?? entry.expired),
});
