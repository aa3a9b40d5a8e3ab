import type { FeedFormat, ParsedEntry, ParsedFeed, ParsedPerson, ParsedText } from '../../model/index.js';
import { resolveUrl } from '../url.js';
import { addCategory, addEnclosure, addLink } from './fields.js';
import { emptyEntry, emptyFeed, type ParseContext } from './model.js';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A trimmed non-empty string, or undefined for any other JSON value. */
function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function url(value: unknown, base: string | undefined): string | undefined {
  const s = str(value);
  return s === undefined ? undefined : resolveUrl(s, base);
}

function nonNegativeInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

function text(value: unknown, type: ParsedText['type'], base: string | undefined, lang: string | undefined): ParsedText | undefined {
  const s = str(value);
  if (s === undefined) return undefined;
  return { value: s, type, ...(lang ? { language: lang } : {}), ...(base ? { base } : {}) };
}

function person(value: unknown, base: string | undefined): ParsedPerson | undefined {
  if (!isObject(value)) return undefined;
  const p: ParsedPerson = {};
  const name = str(value.name);
  if (name) p.name = name;
  const href = url(value.url, base);
  if (href) {
    p.url = href;
    if (href.toLowerCase().startsWith('mailto:')) p.email = href.slice(7).split('?')[0];
  }
  return p.name !== undefined || p.url !== undefined ? p : undefined;
}

/** JSON Feed 1.1 `authors` plus 1.0's single `author`. */
function people(obj: JsonObject, base: string | undefined): ParsedPerson[] {
  const list = Array.isArray(obj.authors) ? obj.authors : [];
  const all = [...list, obj.author].map((p) => person(p, base)).filter((p): p is ParsedPerson => p !== undefined);
  const seen = new Set<string>();
  return all.filter((p) => {
    const key = `${p.name ?? ''}\u0000${p.url ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function parseItem(item: JsonObject, base: string | undefined, feedLang: string | undefined): ParsedEntry {
  const entry = emptyEntry();
  const lang = str(item.language) ?? feedLang;
  if (lang) entry.language = lang;
  if (base) entry.base = base;
  if (typeof item.id === 'string' || typeof item.id === 'number') {
    const id = String(item.id).trim();
    if (id) entry.id = id;
  }
  const link = url(item.url, base);
  if (link) addLink(entry, { href: link, rel: 'alternate' });
  const external = url(item.external_url, base);
  if (external) entry.links.push({ href: external, rel: 'related' });
  const title = text(item.title, 'text', base, lang);
  if (title) entry.title = title;
  const summary = text(item.summary, 'text', base, lang);
  if (summary) entry.summary = summary;
  const html = text(item.content_html, 'html', base, lang);
  if (html) entry.content.push(html);
  const plain = text(item.content_text, 'text', base, lang);
  if (plain) entry.content.push(plain);
  entry.image = url(item.image, base) ?? url(item.banner_image, base);
  if (entry.image === undefined) delete entry.image;
  const published = str(item.date_published);
  if (published) entry.published = published;
  const updated = str(item.date_modified);
  if (updated) entry.updated = updated;
  entry.authors = people(item, base);
  if (Array.isArray(item.tags)) for (const tag of item.tags) if (str(tag)) addCategory(entry, { term: String(tag).trim() });
  const attachments = Array.isArray(item.attachments) ? item.attachments : [];
  for (const a of attachments) {
    if (!isObject(a)) continue;
    const href = url(a.url, base);
    if (!href) continue;
    const type = str(a.mime_type);
    const length = nonNegativeInteger(a.size_in_bytes);
    addEnclosure(entry, { url: href, ...(type ? { type } : {}), ...(length !== undefined ? { length } : {}) });
    entry.links.push({ href, rel: 'enclosure', ...(type ? { type } : {}), ...(length !== undefined ? { length } : {}) });
  }
  return entry;
}

/** Parse a JSON Feed 1.0 / 1.1 document (already JSON-parsed and recognised). */
export function parseJsonFeed(doc: JsonObject, format: FeedFormat, ctx: ParseContext): ParsedFeed {
  const base = ctx.url;
  const feed = emptyFeed(format, 'utf-8');
  const version = str(doc.version);
  if (version) feed.version = version;
  if (base) feed.base = base;
  const lang = str(doc.language) ?? ctx.language;
  if (lang) feed.language = lang;
  const title = text(doc.title, 'text', base, lang);
  if (title) feed.title = title;
  const subtitle = text(doc.description, 'text', base, lang);
  if (subtitle) feed.subtitle = subtitle;
  const home = url(doc.home_page_url, base);
  if (home) addLink(feed, { href: home, rel: 'alternate' });
  const self = url(doc.feed_url, base);
  if (self) {
    feed.selfUrl = self;
    feed.links.push({ href: self, rel: 'self' });
  }
  const next = url(doc.next_url, base);
  if (next) feed.links.push({ href: next, rel: 'next' });
  const icon = url(doc.icon, base);
  if (icon) {
    feed.logo = icon;
    feed.image = { url: icon };
  }
  const favicon = url(doc.favicon, base);
  if (favicon) feed.icon = favicon;
  feed.authors = people(doc, base);
  if (Array.isArray(doc.hubs)) {
    for (const hub of doc.hubs) {
      const href = isObject(hub) ? url(hub.url, base) : undefined;
      if (href) feed.hubs.push(href);
    }
  }
  const items = Array.isArray(doc.items) ? doc.items : [];
  feed.entries = items.filter(isObject).map((item) => parseItem(item, base, lang));
  return feed;
}

/** Top-level keys only a JSON Feed has (a JSON dump of RSS, like `{"rss": ...}`, has none of them). */
const JSON_FEED_KEYS = ['version', 'home_page_url', 'feed_url', 'user_comment', 'next_url', 'favicon', 'authors', 'author', 'hubs', 'expired'];

/** The JSON Feed version a parsed JSON document declares, or undefined when it is not a JSON Feed. */
export function jsonFeedFormat(doc: unknown, ctx: ParseContext): FeedFormat | undefined {
  if (!isObject(doc)) return undefined;
  const version = typeof doc.version === 'string' ? doc.version.trim() : '';
  // The spec's URL form, or a bare "1.1" as some generators (and gofeed's tests) write it.
  const match = /^(?:https?:\/\/jsonfeed\.org\/version\/)?(1(?:\.\d+)?)\/?$/i.exec(version);
  if (match) return match[1] === '1' || match[1] === '1.0' ? 'json1.0' : 'json1.1';
  if (!Array.isArray(doc.items) && !JSON_FEED_KEYS.some((key) => key in doc)) return undefined;
  // Like feedparser, read an object with an `items` list or JSON Feed's own keys as a JSON Feed, whatever its version says.
  ctx.warnings.add(version ? `unknown JSON Feed version ${version}; read as 1.1` : 'JSON Feed without a version; read as 1.1');
  return 'json1.1';
}
