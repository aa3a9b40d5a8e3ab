/**
 * What `feedloom parse --jsonl` prints, seen as Python feedparser's result dict — the view an outside
 * harness has, which sees only the DESIGN.md `parse` JSON. Strict: a key is answered only from a field
 * the JSON carries, with no help from the richer ParsedFeed (no `links`, no `*_detail` but `value`, no
 * `guidislink`, no raw dates). Everything else is NotApplicable. An empty string is an absent key.
 */
import type { FeedFormat } from '../../src/model/index.js';
import { NotApplicable } from './pyexpr.js';
import type { PyMapping, PyValue } from './pyexpr.js';
import { closedDict, modelled, resultDict } from './feedparser-result/result-dict.js';
import type { Field, ResultDict } from './feedparser-result/result-dict.js';
import { parsedDate } from './feedparser-result/struct-time.js';

/** A person as `parse` prints it. */
interface JsonPerson {
  name?: string;
  email?: string;
  url?: string;
}

/** The `parse` JSON of one input (`ok: false` carries `error` and perhaps `encoding` only). */
export interface ParseJson {
  ok: boolean;
  encoding?: string;
  format?: FeedFormat;
  warnings?: string[];
  error?: string;
  feed?: { title: string; link: string; description: string; language: string; updated: string; image: string; authors: JsonPerson[] };
  items?: {
    id: string;
    url: string | null;
    title: string;
    summary: string;
    content: string;
    authors: JsonPerson[];
    categories: string[];
    published: string | null;
    updated: string | null;
    enclosures: { url: string; type: string; length: number }[];
  }[];
}

const VERSIONS: Readonly<Record<FeedFormat, string>> = {
  rss: 'rss',
  'rss0.90': 'rss090',
  'rss0.91': 'rss091',
  'rss0.92': 'rss092',
  'rss0.93': 'rss093',
  'rss0.94': 'rss094',
  'rss1.0': 'rss10',
  'rss2.0': 'rss20',
  'atom0.3': 'atom03',
  'atom1.0': 'atom10',
  'json1.0': 'json1',
  'json1.1': 'json11',
};

function version(format: FeedFormat | undefined): string {
  if (format === undefined) return '';
  // feedparser tells Netscape's 0.91 from UserLand's by the DOCTYPE; the JSON says only "rss0.91".
  if (format === 'rss0.91') throw new NotApplicable('version (rss091n or rss091u)');
  return VERSIONS[format];
}

const present = (value: string | null | undefined): Field | undefined => (value ? () => value : undefined);

function personString(person: JsonPerson): string | undefined {
  if (person.name && person.email) return `${person.name} (${person.email})`;
  return person.name || person.email || undefined;
}

function personDict(path: string, person: JsonPerson): ResultDict {
  return closedDict(path, { name: person.name, email: person.email, href: person.url });
}

function peopleFields(path: string, authors: JsonPerson[]): [string, Field | undefined][] {
  const first = authors[0];
  const author = first ? personString(first) : undefined;
  return [
    ['author', present(author)],
    ['author_detail', first ? () => personDict(`${path}.author_detail`, first) : undefined],
    ['authors', authors.length > 0 ? () => authors.map((a, i) => personDict(`${path}.authors[${i}]`, a)) : undefined],
  ];
}

/** How to read the JSON: `emptyTextPresent` reads an empty title or description as present and empty, not absent. */
export interface JsonReading {
  emptyTextPresent?: boolean;
}

/** `key`, `key_detail` (its `value` only) of a text the JSON carries. */
function textFields(path: string, key: string, value: string, how: JsonReading): [string, Field | undefined][] {
  if (!value && !how.emptyTextPresent) return [[key, undefined], [`${key}_detail`, undefined]];
  return [
    [key, () => value],
    [`${key}_detail`, () => resultDict(`${path}.${key}_detail`, [['value', () => value]], modelled(['value']))],
  ];
}

/** A date: the JSON has ISO 8601 only, so the raw string feedparser keeps is not answerable. */
function dateFields(path: string, key: string, iso: string | null): [string, Field | undefined][] {
  if (!iso) return [[`${key}_parsed`, undefined]];
  return [
    [key, () => { throw new NotApplicable(`${path}.${key} (the raw date string; parse prints ISO 8601)`); }],
    [`${key}_parsed`, () => parsedDate(iso)],
  ];
}

const FEED_KEYS = ['title', 'title_detail', 'subtitle', 'subtitle_detail', 'link', 'language', 'updated', 'updated_parsed', 'image', 'author', 'author_detail', 'authors'];

function feedDict(json: ParseJson, how: JsonReading): ResultDict {
  const feed = json.feed;
  if (!feed) return resultDict('feed', [], modelled(FEED_KEYS));
  return resultDict(
    'feed',
    [
      ...textFields('feed', 'title', feed.title, how),
      ...textFields('feed', 'subtitle', feed.description, how),
      ['link', present(feed.link)],
      ['language', present(feed.language)],
      ...dateFields('feed', 'updated', feed.updated || null),
      ['image', feed.image ? () => resultDict('feed.image', [['href', () => feed.image]], modelled(['href'])) : undefined],
      ...peopleFields('feed', feed.authors),
    ],
    modelled(FEED_KEYS),
  );
}

const ENTRY_KEYS = [
  'id', 'link', 'title', 'title_detail', 'summary', 'summary_detail', 'content', 'author', 'author_detail', 'authors',
  'tags', 'published', 'published_parsed', 'updated', 'updated_parsed', 'enclosures',
];

function entryDict(path: string, item: NonNullable<ParseJson['items']>[number], how: JsonReading): ResultDict {
  // feedparser's summary falls back to the first content; so does an outside reader of the JSON.
  const summary = item.summary || item.content;
  const content = item.content;
  return resultDict(
    path,
    [
      ['id', present(item.id)],
      ['link', present(item.url)],
      ...textFields(path, 'title', item.title, how),
      ...textFields(path, 'summary', summary, how),
      ['content', content ? () => [resultDict(`${path}.content[0]`, [['value', () => content]], modelled(['value']))] : undefined],
      ...peopleFields(path, item.authors),
      ['tags', item.categories.length > 0 ? () => item.categories.map((term, i) => resultDict(`${path}.tags[${i}]`, [['term', () => term]], modelled(['term']))) : undefined],
      ...dateFields(path, 'published', item.published),
      ...dateFields(path, 'updated', item.updated),
      [
        'enclosures',
        () =>
          item.enclosures.map((e, i): PyValue =>
            closedDict(`${path}.enclosures[${i}]`, { href: e.url, type: e.type || undefined, length: e.length > 0 ? String(e.length) : undefined }),
          ),
      ],
    ],
    modelled(ENTRY_KEYS),
  );
}

/** The result dict an outside harness builds from one `parse --jsonl` line. */
export function parseJsonResult(json: ParseJson, how: JsonReading = {}): PyMapping {
  const feed = feedDict(json, how);
  return resultDict(
    'result',
    [
      ['bozo', () => !json.ok || (json.warnings?.length ?? 0) > 0],
      ['encoding', present(json.encoding)],
      ['version', () => (json.ok ? version(json.format) : '')],
      ['feed', () => feed],
      ['entries', () => (json.items ?? []).map((item, i): PyValue => entryDict(`entries[${i}]`, item, how))],
    ],
    modelled(['bozo', 'feed', 'entries', 'encoding', 'version']),
  );
}
