import { feedDict } from './feed.js';
import type { FeedFormat, ParsedEntry, ParsedSource } from '../../../src/model/index.js';
import { closedDict, modelled, resultDict } from './result-dict.js';
import type { Field, ResultDict } from './result-dict.js';
import {
  dateFields,
  enclosureDict,
  impliedLinks,
  linkDict,
  peopleFields,
  tagFields,
  textDetail,
  textFields,
} from './parts.js';
import type { SanitizeHtml } from './parts.js';

/** Entry keys feedloom's model carries: absent ones are KeyErrors, every other key is NotApplicable. */
const ENTRY_KEYS = [
  'title',
  'title_detail',
  'link',
  'links',
  'summary',
  'summary_detail',
  'content',
  'id',
  'author',
  'author_detail',
  'authors',
  'contributors',
  'tags',
  'enclosures',
  'published',
  'published_parsed',
  'updated',
  'updated_parsed',
  'created',
  'created_parsed',
  'expired',
  'expired_parsed',
  'comments',
  'rights',
  'rights_detail',
  'source',
  'image',
  'language',
];

function isRss(format: FeedFormat): boolean {
  return format.startsWith('rss');
}

/** RSS `<source url>` is {href, title}; an Atom `<source>` is a small feed (read as one when the model kept it). */
function sourceDict(path: string, source: ParsedSource, format: FeedFormat, sanitize: SanitizeHtml): ResultDict {
  const value = (text: string | undefined): Field | undefined => (text === undefined ? undefined : () => text);
  if (isRss(format)) {
    return resultDict(path, [['title', value(source.title)], ['href', value(source.url)]], modelled(['title', 'href']));
  }
  if (source.feed) return feedDict(source.feed, sanitize, path);
  return resultDict(
    path,
    [
      ['title', value(source.title)],
      ['id', value(source.id)],
      ['link', value(source.url)],
    ],
    modelled(['title', 'id', 'link']),
  );
}

/** feedparser's guidislink: an RSS guid that is a permalink and stands in for a missing `<link>`. */
function guidIsLink(entry: ParsedEntry): boolean {
  return entry.id !== undefined && entry.idIsPermalink === true && (entry.link === undefined || entry.link === entry.id);
}

/** One entry as feedparser's `entries[i]`. */
export function entryDict(path: string, entry: ParsedEntry, format: FeedFormat, sanitize: SanitizeHtml): ResultDict {
  const rss = isRss(format);
  const guidislink = rss && guidIsLink(entry);
  const link = entry.link ?? (guidislink ? entry.id : undefined);
  const links = impliedLinks(entry.links, link, entry.enclosures);
  // feedparser copies the first content into `summary` when the entry has no summary of its own.
  const summary = entry.summary ?? entry.content[0];
  const source = entry.source;
  const text = (key: string, value: string | undefined): [string, Field | undefined] => [key, value === undefined ? undefined : () => value];
  const fields: [string, Field | undefined][] = [
    ...textFields(path, 'title', entry.title, sanitize),
    text('link', link),
    ['links', links.length > 0 ? () => links.map((l, i) => linkDict(`${path}.links[${i}]`, l)) : undefined],
    ...textFields(path, 'summary', summary, sanitize),
    ['content', entry.content.length > 0 ? () => entry.content.map((c, i) => textDetail(`${path}.content[${i}]`, c, sanitize)) : undefined],
    text('id', entry.id),
    ...peopleFields(path, entry.authors, entry.contributors),
    tagFields(path, entry.categories),
    ['enclosures', () => entry.enclosures.map((e, i) => enclosureDict(`${path}.enclosures[${i}]`, e))],
    ...dateFields('published', entry.published),
    ...dateFields('updated', entry.updated),
    ...dateFields('created', entry.created),
    ...dateFields('expired', entry.expired),
    text('comments', entry.comments),
    ...textFields(path, 'rights', entry.rights, sanitize),
    ['source', source ? () => sourceDict(`${path}.source`, source, format, sanitize) : undefined],
    ['image', entry.image === undefined ? undefined : () => closedDict(`${path}.image`, { href: entry.image })],
    text('language', entry.language),
  ];
  if (rss) fields.push(['guidislink', () => guidislink]);
  return resultDict(path, fields, modelled(rss ? [...ENTRY_KEYS, 'guidislink'] : ENTRY_KEYS));
}
