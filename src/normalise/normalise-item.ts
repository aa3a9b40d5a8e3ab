import type { Enclosure, NormalisedItem, ParsedEntry, ParsedPerson, Person } from '../model/index.js';
import { parseHttpUrl } from '../model/index.js';
import { parseDate } from './date/index.js';
import { itemIdentity } from './item-id.js';
import { plainField } from './plain-field.js';
import { safeHtml, safeHtmlAndText } from './text.js';
import { resolveLink } from './links.js';

/** ISO 8601 UTC of a raw feed date, or null when it is missing or unreadable. */
export function isoDate(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  return parseDate(raw)?.toISOString() ?? null;
}

/** People with names as plain fields, empty fields dropped, duplicates removed, URLs made absolute. */
export function normalisePeople(people: ParsedPerson[], base?: string): Person[] {
  const out: Person[] = [];
  const seen = new Set<string>();
  for (const p of people) {
    const person: Person = {};
    const name = plainField(p.name);
    const email = p.email?.trim() ?? '';
    const url = resolveLink(p.url, base);
    if (name) person.name = name;
    if (email) person.email = email;
    if (url) person.url = url;
    const key = JSON.stringify(person);
    if (key === '{}' || seen.has(key)) continue;
    seen.add(key);
    out.push(person);
  }
  return out;
}

function normaliseCategories(entry: ParsedEntry): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const c of entry.categories) {
    const term = plainField(c.label || c.term);
    const key = term.toLowerCase();
    if (term === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(term);
  }
  return out;
}

function normaliseEnclosures(entry: ParsedEntry, base?: string): Enclosure[] {
  const out: Enclosure[] = [];
  const seen = new Set<string>();
  for (const e of entry.enclosures) {
    const url = resolveLink(e.url, base);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    const length = e.length !== undefined && Number.isFinite(e.length) && e.length > 0 ? Math.floor(e.length) : 0;
    out.push({ url, type: e.type?.trim() ?? '', length });
  }
  return out;
}

/** Normalise one parsed entry: absolute URL, plain-text title, sanitised HTML, UTC dates, a stable id. */
export function normaliseItem(entry: ParsedEntry, feedBase?: string): NormalisedItem {
  const base = entry.base ?? feedBase;
  // An RSS guid that is a permalink (isPermaLink absent or true) is the item's link when it has none of its own.
  const permalink = entry.idIsPermalink === true ? parseHttpUrl(entry.id)?.href : undefined;
  const url = resolveLink(entry.link ?? entry.links.find((l) => l.rel === 'alternate')?.href ?? permalink, base) ?? null;
  const title = plainField(entry.title);
  // Prefer a markup body over a plain-text one when a feed offers both (JSON content_html + content_text).
  const body = entry.content.find((c) => c.type !== 'text') ?? entry.content[0];
  // The item's text comes from its body, else its summary: that one is sanitised and read as text in one pass.
  const main = safeHtmlAndText(body ?? entry.summary);
  const summary = body ? safeHtml(entry.summary) : main.html;
  const content = body ? main.html : '';
  const bodyText = main.text;
  // Both parts are already collapsed plain text.
  const text = bodyText === '' || bodyText === title ? title : title === '' ? bodyText : `${title} ${bodyText}`;
  const updated = isoDate(entry.updated);
  const published = isoDate(entry.published) ?? isoDate(entry.created) ?? updated;
  const identity = itemIdentity({
    id: entry.id,
    url: url ?? undefined,
    title,
    date: entry.published ?? entry.updated,
    body: bodyText,
  });
  // Written out rather than spread: an object literal with a spread is built the slow way, once per item.
  return {
    id: identity.id,
    idSource: identity.idSource,
    url,
    title,
    summary,
    content,
    text,
    authors: normalisePeople(entry.authors, base),
    categories: normaliseCategories(entry),
    published,
    updated,
    enclosures: normaliseEnclosures(entry, base),
  };
}
