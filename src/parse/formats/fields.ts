import type { ParsedCategory, ParsedEnclosure, ParsedEntry, ParsedLink, ParsedPerson, ParsedText } from '../../model/index.js';
import { resolveUrl } from '../url.js';
import { looseAttr, type XmlElement } from '../xml/index.js';
import type { Common } from './model.js';
import { trimmedText } from './text.js';

/** A non-negative integer, or undefined for junk ("", "12 MB", "-3"). */
export function parseInteger(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const t = raw.trim();
  if (!/^\+?\d+$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** The element's text as a URL resolved against its xml:base (or the document URL); undefined when blank. */
export function urlText(el: XmlElement): string | undefined {
  const text = trimmedText(el);
  return text ? resolveUrl(text, el.base) : undefined;
}

/** An attribute as a URL resolved against the element's xml:base; undefined when absent or blank. */
export function urlAttr(el: XmlElement, name: string): string | undefined {
  const value = looseAttr(el, name)?.trim();
  return value ? resolveUrl(value, el.base) : undefined;
}

/** The element's trimmed text, or undefined when blank. */
export function nonEmptyText(el: XmlElement): string | undefined {
  const text = trimmedText(el);
  return text || undefined;
}

const categoryKey = (c: ParsedCategory): string => `${c.term}\u0000${c.scheme ?? ''}\u0000${c.label ?? ''}`;
// Keys already present per target, so de-duplicating stays linear however many categories a feed has.
const categoryKeys = new WeakMap<object, Set<string>>();
const enclosureUrls = new WeakMap<object, Set<string>>();

/** Add a category unless an identical one is already there (feedparser de-duplicates tags). */
export function addCategory(target: Pick<Common, 'categories'>, category: ParsedCategory): void {
  if (!category.term && !category.label) return;
  let keys = categoryKeys.get(target);
  if (!keys) {
    keys = new Set(target.categories.map(categoryKey));
    categoryKeys.set(target, keys);
  }
  const key = categoryKey(category);
  if (keys.has(key)) return;
  keys.add(key);
  target.categories.push(category);
}

/**
 * Add an enclosure; with `unlessKnown`, skip it when the entry already has one with that URL
 * (Media RSS often repeats the RSS enclosure).
 */
export function addEnclosure(entry: ParsedEntry, enclosure: ParsedEnclosure, unlessKnown = false): void {
  let urls = enclosureUrls.get(entry);
  if (!urls) {
    urls = new Set(entry.enclosures.map((e) => e.url));
    enclosureUrls.set(entry, urls);
  }
  if (unlessKnown && urls.has(enclosure.url)) return;
  urls.add(enclosure.url);
  entry.enclosures.push(enclosure);
}

/**
 * An item's description-like element: the summary, but a second one while the item has no content body
 * yet becomes its content (feedparser's rule for `<description>` next to `<summary>`).
 */
export function setSummaryOrContent(entry: ParsedEntry, text: ParsedText): void {
  if (entry.summary !== undefined && entry.content.length === 0) entry.content.push(text);
  else entry.summary = text;
}

/** Add a person to a list unless it is missing. */
export function addPerson(list: ParsedPerson[], person: ParsedPerson | undefined): void {
  if (person) list.push(person);
}

/**
 * Read an Atom-style `<link>`: href (or url/uri) resolved, rel defaulting to `alternate`. An empty href
 * means the base itself; a link with no href attribute at all gives its text instead (feedparser's reading).
 */
export function readLink(el: XmlElement): ParsedLink | undefined {
  const raw = looseAttr(el, 'href') ?? looseAttr(el, 'url') ?? looseAttr(el, 'uri');
  const written = raw ?? trimmedText(el);
  const href = raw !== undefined || written ? resolveUrl(written, el.base) : '';
  if (!href) return undefined;
  const link: ParsedLink = { href, rel: looseAttr(el, 'rel')?.trim() || 'alternate' };
  const type = looseAttr(el, 'type')?.trim();
  if (type) link.type = type;
  const title = looseAttr(el, 'title');
  if (title !== undefined) link.title = title;
  const length = parseInteger(looseAttr(el, 'length'));
  if (length !== undefined) link.length = length;
  const hreflang = looseAttr(el, 'hreflang')?.trim();
  if (hreflang) link.hreflang = hreflang;
  return link;
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** Record a link on a feed or entry; an alternate HTML link becomes the permalink (the last one wins, as in feedparser). */
export function addLink(target: Common, link: ParsedLink): void {
  target.links.push(link);
  if (link.rel === 'alternate' && (link.type === undefined || HTML_TYPES.has(link.type.toLowerCase()))) {
    target.link = link.href;
  }
}
