import type {
  ParsedCategory,
  ParsedEnclosure,
  ParsedGenerator,
  ParsedImage,
  ParsedLink,
  ParsedPerson,
  ParsedText,
} from '../../../src/model/index.js';
import type { PyValue } from '../pyexpr.js';
import { closedDict, modelled, resultDict } from './result-dict.js';
import type { Field, ResultDict } from './result-dict.js';
import { parsedDate } from './struct-time.js';

/** Sanitise HTML the way feedparser does before it hands HTML values out (relative URLs resolved against `base`). */
export type SanitizeHtml = (html: string, options: { base?: string }) => string;

const CONTENT_TYPES: Readonly<Record<ParsedText['type'], string>> = {
  text: 'text/plain',
  html: 'text/html',
  xhtml: 'application/xhtml+xml',
};

/** The value feedparser exposes: plain text as it is, HTML and XHTML sanitised. */
export function textValue(text: ParsedText, sanitize: SanitizeHtml): string {
  return text.type === 'text' ? text.value : sanitize(text.value, text.base === undefined ? {} : { base: text.base });
}

/** A `*_detail` dict: {type, language, base, value}; `src` and the rest are not modelled. */
export function textDetail(path: string, text: ParsedText, sanitize: SanitizeHtml): ResultDict {
  return resultDict(
    path,
    [
      ['type', () => CONTENT_TYPES[text.type]],
      ['language', () => text.language ?? null],
      ['base', () => text.base ?? ''],
      ['value', () => textValue(text, sanitize)],
    ],
    modelled(['type', 'language', 'base', 'value']),
  );
}

/** `key` and `key_detail` fields of a text construct, for resultDict. */
export function textFields(path: string, key: string, text: ParsedText | undefined, sanitize: SanitizeHtml): [string, Field | undefined][] {
  if (!text) return [[key, undefined], [`${key}_detail`, undefined]];
  const detail = textDetail(`${path}.${key}_detail`, text, sanitize);
  return [
    [key, () => detail.lookup('value') ?? null],
    [`${key}_detail`, () => detail],
  ];
}

/** `key` (the raw string) and `key_parsed` (its struct_time, None if unreadable) of a date. */
export function dateFields(key: string, raw: string | undefined): [string, Field | undefined][] {
  if (raw === undefined) return [[key, undefined], [`${key}_parsed`, undefined]];
  return [
    [key, () => raw],
    [`${key}_parsed`, () => parsedDate(raw)],
  ];
}

/** A person dict: {name, email, href} (feedparser reads `url` as `href`). */
export function personDict(path: string, person: ParsedPerson): ResultDict {
  return closedDict(path, { name: person.name, email: person.email, href: person.url });
}

/** feedparser's `author` string: "name (email)", else the name, else the email. */
export function personString(person: ParsedPerson): string | undefined {
  if (person.name && person.email) return `${person.name} (${person.email})`;
  return person.name || person.email || undefined;
}

/** `author`, `author_detail`, `authors` and `contributors` of a feed or entry. */
export function peopleFields(path: string, authors: ParsedPerson[], contributors: ParsedPerson[]): [string, Field | undefined][] {
  const first = authors[0];
  const author = first ? personString(first) : undefined;
  return [
    ['author', author === undefined ? undefined : () => author],
    ['author_detail', first ? () => personDict(`${path}.author_detail`, first) : undefined],
    ['authors', authors.length > 0 ? () => authors.map((a, i) => personDict(`${path}.authors[${i}]`, a)) : undefined],
    ['contributors', contributors.length > 0 ? () => contributors.map((c, i) => personDict(`${path}.contributors[${i}]`, c)) : undefined],
  ];
}

/** A link dict with feedparser's defaults: rel "alternate", type "application/atom+xml" for self, else "text/html". */
export function linkDict(path: string, link: ParsedLink): ResultDict {
  const rel = link.rel || 'alternate';
  const type = link.type ?? (rel === 'enclosure' ? undefined : rel === 'self' ? 'application/atom+xml' : 'text/html');
  return closedDict(path, {
    rel,
    type,
    href: link.href,
    title: link.title,
    length: link.length === undefined ? undefined : String(link.length),
    hreflang: link.hreflang,
  });
}

/**
 * feedparser keeps RSS `<link>` and `<enclosure>` in `links`; feedloom's model keeps them as
 * `link` and `enclosures`. Add what `links` lacks: the alternate link first, enclosures last.
 */
export function impliedLinks(links: ParsedLink[], link: string | undefined, enclosures: ParsedEnclosure[]): ParsedLink[] {
  const all = [...links];
  if (link !== undefined && !links.some((l) => (l.rel || 'alternate') === 'alternate' && l.href === link)) {
    all.unshift({ rel: 'alternate', href: link, type: 'text/html' });
  }
  for (const enclosure of enclosures) {
    if (all.some((l) => l.rel === 'enclosure' && l.href === enclosure.url)) continue;
    all.push({
      rel: 'enclosure',
      href: enclosure.url,
      ...(enclosure.type === undefined ? {} : { type: enclosure.type }),
      ...(enclosure.length === undefined ? {} : { length: enclosure.length }),
    });
  }
  return all;
}

/** An enclosure dict (feedparser: the rel="enclosure" link without its rel). */
export function enclosureDict(path: string, enclosure: ParsedEnclosure): ResultDict {
  return closedDict(path, {
    href: enclosure.url,
    type: enclosure.type,
    length: enclosure.length === undefined ? undefined : String(enclosure.length),
  });
}

/** A tag dict: feedparser always has all three keys, None when missing. */
export function tagDict(path: string, category: ParsedCategory): ResultDict {
  return closedDict(path, { term: category.term, scheme: category.scheme ?? null, label: category.label ?? null });
}

/** `tags` of a feed or entry. */
export function tagFields(path: string, categories: ParsedCategory[]): [string, Field | undefined] {
  return ['tags', categories.length > 0 ? () => categories.map((c, i) => tagDict(`${path}.tags[${i}]`, c)) : undefined];
}

/** The feed image: {href, title, link, width, height}; `description` is not modelled. */
export function imageDict(path: string, image: ParsedImage): ResultDict {
  const values: [string, PyValue | undefined][] = [
    ['href', image.url],
    ['title', image.title],
    ['link', image.link],
    ['width', image.width],
    ['height', image.height],
  ];
  return resultDict(
    path,
    values.map(([key, value]) => [key, value === undefined ? undefined : () => value]),
    modelled(['href', 'title', 'link', 'width', 'height']),
  );
}

/** `generator` (the name) and `generator_detail` {name, href, version}. */
export function generatorFields(path: string, generator: ParsedGenerator | undefined): [string, Field | undefined][] {
  if (!generator) return [['generator', undefined], ['generator_detail', undefined]];
  const detail = closedDict(`${path}.generator_detail`, { name: generator.name, href: generator.url, version: generator.version });
  return [
    ['generator', generator.name === undefined ? undefined : () => generator.name ?? null],
    ['generator_detail', () => detail],
  ];
}
