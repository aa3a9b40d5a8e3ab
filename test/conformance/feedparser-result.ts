/**
 * feedloom's ParsedFeed seen as Python feedparser's result dict, so feedparser's `Expect:` lines can
 * be evaluated against it. Only what the model carries is exposed; any other key raises
 * NotApplicable (our model cannot answer), which is counted apart from failures.
 */
import type { FeedFormat, ParsedFeed } from '../../src/model/index.js';
import { NotApplicable } from './pyexpr.js';
import type { PyMapping, PyValue } from './pyexpr.js';
import { entryDict } from './feedparser-result/entry.js';
import { emptyFeedDict, feedDict } from './feedparser-result/feed.js';
import type { SanitizeHtml } from './feedparser-result/parts.js';
import { closedDict, modelled, resultDict } from './feedparser-result/result-dict.js';
import type { Field } from './feedparser-result/result-dict.js';
import { parsedDate } from './feedparser-result/struct-time.js';

export { FEED_KEYS } from './feedparser-result/feed.js';
export type { SanitizeHtml } from './feedparser-result/parts.js';
export { ResultDict } from './feedparser-result/result-dict.js';
export { parsedDate, toStructTime } from './feedparser-result/struct-time.js';

/** What the HTTP response said, when the document was fetched (feedparser's `headers`, `etag`, `modified`). */
export interface HttpFacts {
  /** Response headers, names lower-cased. */
  headers: Record<string, string>;
  etag?: string;
  lastModified?: string;
}

/** How to build the result: the sanitiser for HTML values, and the HTTP facts when fetched. */
export interface ResultOptions {
  sanitize: SanitizeHtml;
  http?: HttpFacts;
}

const ROOT_KEYS = ['bozo', 'feed', 'entries', 'encoding', 'version', 'headers', 'etag', 'modified', 'modified_parsed'];

const RSS_VERSIONS: Readonly<Record<string, string>> = { '0.92': 'rss092', '0.93': 'rss093', '0.94': 'rss094' };

const OTHER_VERSIONS: Partial<Record<FeedFormat, string>> = {
  'rss0.90': 'rss090',
  'rss1.0': 'rss10',
  'atom0.3': 'atom03',
  'atom1.0': 'atom10',
  'json1.0': 'json1',
  'json1.1': 'json11',
};

/**
 * feedparser's `version`. For `<rss>` documents feedparser reads the version attribute (missing →
 * "rss", "2.x" → "rss20"); 0.91 is "rss091n" or "rss091u" by the Netscape DOCTYPE, which the
 * model does not keep, so that one is NotApplicable.
 */
export function feedparserVersion(parsed: Pick<ParsedFeed, 'format' | 'version'>): string {
  const known = OTHER_VERSIONS[parsed.format];
  if (known) return known;
  const attribute = parsed.version?.trim() ?? '';
  if (attribute === '0.91') throw new NotApplicable('version (rss091n or rss091u: the DOCTYPE is not modelled)');
  return RSS_VERSIONS[attribute] ?? (attribute.startsWith('2.') ? 'rss20' : 'rss');
}

function httpFields(http: HttpFacts | undefined): [string, Field | undefined][] {
  if (!http) return [];
  const etag = http.etag || undefined;
  const modified = http.lastModified || undefined;
  return [
    ['headers', () => closedDict('headers', http.headers)],
    ['etag', etag === undefined ? undefined : () => etag],
    ['modified', modified === undefined ? undefined : () => modified],
    ['modified_parsed', modified === undefined ? undefined : () => parsedDate(modified)],
  ];
}

/** The result dict of a parsed document. */
export function toFeedparserResult(parsed: ParsedFeed, options: ResultOptions): PyMapping {
  const feed = feedDict(parsed, options.sanitize);
  return resultDict(
    'result',
    [
      ['bozo', () => parsed.warnings.length > 0],
      ['encoding', () => parsed.encoding],
      ['version', () => feedparserVersion(parsed)],
      ['feed', () => feed],
      ['entries', () => parsed.entries.map((e, i): PyValue => entryDict(`entries[${i}]`, e, parsed.format, options.sanitize))],
      ...httpFields(options.http),
    ],
    modelled(ROOT_KEYS),
  );
}

/**
 * The result dict when feedloom refused the document (NotAFeedError): bozo, no entries, an empty
 * feed, version "" as feedparser reports an unknown format. The encoding is not known.
 */
export function notAFeedResult(options: Pick<ResultOptions, 'http'> = {}): PyMapping {
  const feed = emptyFeedDict();
  return resultDict(
    'result',
    [
      ['bozo', () => true],
      ['version', () => ''],
      ['feed', () => feed],
      ['entries', () => []],
      ...httpFields(options.http),
    ],
    modelled(ROOT_KEYS.filter((key) => key !== 'encoding')),
  );
}
