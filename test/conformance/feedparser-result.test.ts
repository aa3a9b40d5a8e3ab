import { describe, expect, it } from 'vitest';
import type { ParsedEntry, ParsedFeed } from '../../src/model/index.js';
import { feedparserVersion, notAFeedResult, toFeedparserResult, toStructTime } from './feedparser-result.js';
import type { HttpFacts } from './feedparser-result.js';
import { check, pyEquals, PyTuple } from './pyexpr.js';

/** A stand-in sanitiser that shows it ran (and with which base), so tests can see which values go through it. */
const sanitize = (html: string, options: { base?: string }): string => `[${html}|${options.base ?? ''}]`;

function entry(overrides: Partial<ParsedEntry> = {}): ParsedEntry {
  return { links: [], content: [], authors: [], contributors: [], categories: [], enclosures: [], ...overrides };
}

function feed(overrides: Partial<ParsedFeed> = {}): ParsedFeed {
  return {
    format: 'atom1.0',
    encoding: 'utf-8',
    warnings: [],
    links: [],
    authors: [],
    contributors: [],
    categories: [],
    polling: { skipHours: [], skipDays: [] },
    hubs: [],
    entries: [],
    ...overrides,
  };
}

function outcome(expression: string, parsed: ParsedFeed, http?: HttpFacts): string {
  return check(expression, toFeedparserResult(parsed, { sanitize, ...(http ? { http } : {}) })).status;
}

describe('toStructTime', () => {
  it.each<[string, number[]]>([
    ['2004-01-01T19:48:21Z', [2004, 1, 1, 19, 48, 21, 3, 1, 0]],
    ['2003-12-31T10:14:55Z', [2003, 12, 31, 10, 14, 55, 2, 365, 0]],
    ['2004-12-31T00:00:00Z', [2004, 12, 31, 0, 0, 0, 4, 366, 0]],
    ['2002-10-13T08:00:00Z', [2002, 10, 13, 8, 0, 0, 6, 286, 0]],
    ['0099-12-31T23:00:01Z', [99, 12, 31, 23, 0, 1, 3, 365, 0]],
  ])('%s', (iso, tuple) => {
    expect(pyEquals(toStructTime(new Date(iso)), new PyTuple(tuple))).toBe(true);
  });
});

describe('feedparserVersion', () => {
  it.each<[ParsedFeed['format'], string | undefined, string]>([
    ['rss2.0', '2.0', 'rss20'],
    ['rss2.0', '2.01', 'rss20'],
    ['rss2.0', undefined, 'rss'],
    ['rss0.92', '0.92', 'rss092'],
    ['rss0.93', '0.93', 'rss093'],
    ['rss0.94', '0.94', 'rss094'],
    ['rss0.90', undefined, 'rss090'],
    ['rss1.0', undefined, 'rss10'],
    ['atom0.3', '0.3', 'atom03'],
    ['atom1.0', undefined, 'atom10'],
    ['json1.0', undefined, 'json1'],
    ['json1.1', undefined, 'json11'],
  ])('%s version=%s is %s', (format, version, expected) => {
    expect(feedparserVersion({ format, ...(version === undefined ? {} : { version }) })).toBe(expected);
  });

  it('cannot tell rss091n from rss091u', () => {
    expect(outcome("version == 'rss091u'", feed({ format: 'rss0.91', version: '0.91' }))).toBe('not-applicable');
  });
});

describe('toFeedparserResult: aliases and details', () => {
  const parsed = feed({
    format: 'atom1.0',
    title: { value: 'Example <b>Atom</b>', type: 'html', language: 'en', base: 'http://example.com/' },
    subtitle: { value: 'Sub', type: 'text' },
    rights: { value: '<p>R</p>', type: 'xhtml' },
    id: 'urn:feed',
    updated: '2003-12-31T10:14:55Z',
    links: [{ rel: 'alternate', href: 'http://example.com/', type: 'application/xhtml+xml' }],
    link: 'http://example.com/',
    authors: [{ name: 'Example author', email: 'me@example.com', url: 'http://example.com/me' }],
    categories: [{ term: 'cat1', label: 'Cat' }],
    generator: { name: 'Gen', url: 'http://gen.example/', version: '2.65' },
  });

  it.each<[string, string]>([
    ["feed['title'] == '[Example <b>Atom</b>|http://example.com/]'", 'pass'],
    ["feed.title_detail.type == 'text/html' and feed.title_detail.language == 'en'", 'pass'],
    ["feed['tagline'] == 'Sub' and feed['description'] == 'Sub' and feed['subtitle_detail']['type'] == 'text/plain'", 'pass'],
    ["feed['copyright_detail']['type'] == 'application/xhtml+xml' and feed['copyright'] == '[<p>R</p>|]'", 'pass'],
    ["feed['subtitle_detail']['language'] == None", 'pass'],
    ["feed['guid'] == 'urn:feed' and channel['id'] == 'urn:feed'", 'pass'],
    ["feed['modified'] == '2003-12-31T10:14:55Z' and feed['date'] == feed['updated']", 'pass'],
    ["feed['updated_parsed'] == (2003, 12, 31, 10, 14, 55, 2, 365, 0)", 'pass'],
    ["feed['author'] == 'Example author (me@example.com)' and feed['author_detail']['url'] == 'http://example.com/me'", 'pass'],
    ["feed['authors'][0] == {'name': 'Example author', 'email': 'me@example.com', 'href': 'http://example.com/me'}", 'pass'],
    ["feed['category'] == 'cat1' and feed['tags'][0]['scheme'] == None and feed.tags[0].label == 'Cat'", 'pass'],
    ["feed['links'][0] == {'rel': 'alternate', 'type': 'application/xhtml+xml', 'href': 'http://example.com/'}", 'pass'],
    ["feed['generator'] == 'Gen' and feed['generator_detail']['url'] == 'http://gen.example/'", 'pass'],
    ["not bozo and encoding == 'utf-8' and version == 'atom10' and len(entries) == 0", 'pass'],
    ["feed['title'] == 'Example <b>Atom</b>'", 'fail'],
    ["feed['language'] == 'en'", 'fail'],
    ["not feed.has_key('language') and 'icon' not in feed", 'pass'],
    ["feed['info'] == 'x'", 'not-applicable'],
    ["feed['cloud']['port'] == '80'", 'not-applicable'],
    ["feed.get('textinput') == None", 'not-applicable'],
    ["feed['image']['description'] == 'x'", 'fail'],
    ["bozo_exception", 'not-applicable'],
    ["etag", 'fail'],
    ["not 'etag' in locals() and not 'modified' in locals()", 'pass'],
  ])('%s → %s', (expression, expected) => {
    expect(outcome(expression, parsed)).toBe(expected);
  });

  it('says bozo when the parser warned', () => {
    expect(outcome('bozo', feed({ warnings: ['undefined entity'] }))).toBe('pass');
    expect(outcome('not bozo', feed({ warnings: ['undefined entity'] }))).toBe('fail');
  });
});

describe('toFeedparserResult: entries', () => {
  it('falls back from updated to published, but not for `in`', () => {
    const parsed = feed({ entries: [entry({ published: 'Thu, 01 Jan 2004 19:48:21 GMT' })] });
    expect(outcome("entries[0]['updated'] == 'Thu, 01 Jan 2004 19:48:21 GMT'", parsed)).toBe('pass');
    expect(outcome("entries[0]['issued_parsed'] == (2004, 1, 1, 19, 48, 21, 3, 1, 0)", parsed)).toBe('pass');
    expect(outcome("entries[0]['updated_parsed'] == (2004, 1, 1, 19, 48, 21, 3, 1, 0)", parsed)).toBe('pass');
    expect(outcome("'updated' not in entries[0] and 'published' in entries[0]", parsed)).toBe('pass');
  });

  it('gives None for an unreadable date, as feedparser does', () => {
    const parsed = feed({ entries: [entry({ updated: 'not a date' })] });
    expect(outcome("entries[0]['updated_parsed'] == None", parsed)).toBe('pass');
  });

  it('copies the first content into summary when there is none', () => {
    const parsed = feed({ entries: [entry({ content: [{ value: 'Body', type: 'text', language: 'en' }] })] });
    expect(outcome("entries[0]['description'] == 'Body' and entries[0]['content'][0]['language'] == 'en'", parsed)).toBe('pass');
    expect(outcome("entries[0]['content'][0]['src'] == 'x'", parsed)).toBe('not-applicable');
  });

  it('keeps summary over content, and sanitises html with the base', () => {
    const parsed = feed({
      entries: [
        entry({
          summary: { value: '<b>S</b>', type: 'html', base: 'http://b/' },
          content: [{ value: 'C', type: 'text' }],
        }),
      ],
    });
    expect(outcome("entries[0]['summary'] == '[<b>S</b>|http://b/]' and entries[0]['content'][0]['value'] == 'C'", parsed)).toBe(
      'pass',
    );
  });

  it('derives guidislink and link from an RSS permalink guid', () => {
    const guidOnly = feed({ format: 'rss2.0', version: '2.0', entries: [entry({ id: 'http://guid/', idIsPermalink: true })] });
    expect(outcome("entries[0]['guidislink'] and entries[0]['link'] == 'http://guid/'", guidOnly)).toBe('pass');
    const withLink = feed({
      format: 'rss2.0',
      entries: [entry({ id: 'http://guid/', idIsPermalink: true, link: 'http://link/' })],
    });
    expect(outcome("not entries[0]['guidislink'] and entries[0]['link'] == 'http://link/'", withLink)).toBe('pass');
    const notPermalink = feed({ format: 'rss2.0', entries: [entry({ id: 'abc', idIsPermalink: false })] });
    expect(outcome("not entries[0]['guidislink'] and not entries[0].has_key('link')", notPermalink)).toBe('pass');
    expect(outcome("entries[0]['guidislink']", feed({ entries: [entry({ id: 'x' })] }))).toBe('not-applicable');
  });

  it('shows RSS link and enclosures in links, and enclosures without rel', () => {
    const parsed = feed({
      format: 'rss2.0',
      entries: [
        entry({
          link: 'http://example.com/item',
          enclosures: [
            { url: 'http://example.com/1', type: 'audio/mpeg', length: 100 },
            { url: 'http://example.com/2', type: 'image/gif', length: 200000 },
          ],
        }),
      ],
    });
    expect(outcome("entries[0]['links'][0] == {'rel': 'alternate', 'type': 'text/html', 'href': 'http://example.com/item'}", parsed)).toBe(
      'pass',
    );
    expect(outcome("entries[0]['links'][1]['rel'] == 'enclosure' and len(entries[0]['links']) == 3", parsed)).toBe('pass');
    expect(outcome("entries[0]['enclosures'][1] == {'href': 'http://example.com/2', 'length': '200000', 'type': 'image/gif'}", parsed)).toBe(
      'pass',
    );
    expect(outcome("entries[0]['enclosures'][0]['url'] == 'http://example.com/1'", parsed)).toBe('pass');
  });

  it('finds the license link and the RSS or Atom source', () => {
    const parsed = feed({
      entries: [
        entry({
          links: [{ rel: 'license', href: 'http://cc/' }],
          source: { title: 'Src', url: 'http://src/', id: 'urn:src' },
        }),
      ],
    });
    expect(outcome("entries[0]['license'] == 'http://cc/' and entries[0]['links'][0]['type'] == 'text/html'", parsed)).toBe('pass');
    expect(outcome("entries[0]['source']['link'] == 'http://src/' and entries[0].source.id == 'urn:src'", parsed)).toBe('pass');
    expect(outcome("entries[0]['source']['authors'][0]['name'] == 'x'", parsed)).toBe('not-applicable');
    const rss = feed({ format: 'rss2.0', entries: [entry({ source: { title: 'Src', url: 'http://src/' } })] });
    expect(outcome("entries[0].source.href == 'http://src/' and entries[0]['source']['url'] == 'http://src/'", rss)).toBe('pass');
  });

  it('reads what an item lacks as a KeyError, and unmodelled extensions as not applicable', () => {
    const parsed = feed({ entries: [entry()] });
    expect(outcome("entries[0]['title'] == ''", parsed)).toBe('fail');
    expect(outcome("entries[1]['title'] == ''", parsed)).toBe('fail');
    expect(outcome("entries[0]['itunes_explicit'] is None", parsed)).toBe('not-applicable');
    expect(outcome("entries[0]['where']['type'] == 'Point'", parsed)).toBe('not-applicable');
  });
});

describe('toFeedparserResult: HTTP facts', () => {
  const http: HttpFacts = { headers: { 'x-foo': 'bar', etag: 'foo' }, etag: 'foo', lastModified: 'Mon, 03 Apr 2023 01:02:03 GMT' };

  it('exposes headers, etag, modified and modified_parsed', () => {
    expect(outcome("headers.get('x-foo', headers.get('X-Foo')) == 'bar'", feed(), http)).toBe('pass');
    expect(outcome("etag == 'foo' and modified and modified_parsed == (2023, 4, 3, 1, 2, 3, 0, 93, 0)", feed(), http)).toBe('pass');
  });

  it('leaves out a blank Last-Modified and a missing ETag', () => {
    expect(outcome("not 'modified' in locals() and not 'etag' in locals()", feed(), { headers: {}, lastModified: '' })).toBe('pass');
  });
});

describe('notAFeedResult', () => {
  it('is bozo with no entries and an empty feed', () => {
    const result = notAFeedResult();
    expect(check("bozo and len(entries) == 0 and not feed.has_key('title')", result).status).toBe('pass');
    expect(check("encoding == 'utf-8'", result).status).toBe('not-applicable');
  });
});
