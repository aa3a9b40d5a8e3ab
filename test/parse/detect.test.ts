import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotAFeedError } from '../../src/model/index.js';
import { parseFeed } from '../../src/parse/index.js';
import { CORPORA } from './corpora.js';

const parse = (text: string, contentType?: string) => parseFeed({ body: Buffer.from(text), contentType });

describe('format detection', () => {
  it.each([
    ['<rss version="2.0"><channel/></rss>', 'rss2.0', '2.0'],
    // No version: plain "rss", as feedparser says.
    ['<rss><channel/></rss>', 'rss', undefined],
    ['<rss version="0.91"><channel/></rss>', 'rss0.91', '0.91'],
    ['<rss version="0.92"><channel/></rss>', 'rss0.92', '0.92'],
    ['<rss version="0.93"><channel/></rss>', 'rss0.93', '0.93'],
    ['<rss version="0.94"><channel/></rss>', 'rss0.94', '0.94'],
    ['<RSS VERSION="2.0"><CHANNEL/></RSS>', 'rss2.0', undefined],
    [
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel/></rdf:RDF>',
      'rss1.0',
      undefined,
    ],
    [
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><channel xmlns="http://purl.org/rss/1.0/"/></rdf:RDF>',
      'rss1.0',
      undefined,
    ],
    [
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel/></rdf:RDF>',
      'rss0.90',
      undefined,
    ],
    ['<feed xmlns="http://www.w3.org/2005/Atom"/>', 'atom1.0', undefined],
    ['<feed version="0.3" xmlns="http://purl.org/atom/ns#"/>', 'atom0.3', '0.3'],
    ['<feed version="0.3"/>', 'atom0.3', '0.3'],
    ['<a:feed xmlns:a="http://www.w3.org/2005/Atom"/>', 'atom1.0', undefined],
    ['{"version":"https://jsonfeed.org/version/1.1","items":[]}', 'json1.1', 'https://jsonfeed.org/version/1.1'],
    ['{"version":"http://jsonfeed.org/version/1","items":[]}', 'json1.0', 'http://jsonfeed.org/version/1'],
    ['{"version":"https://jsonfeed.org/version/1/","items":[]}', 'json1.0', 'https://jsonfeed.org/version/1/'],
  ])('%s', (text, format, version) => {
    const parsed = parse(text);
    expect(parsed.format).toBe(format);
    expect(parsed.version).toBe(version);
  });

  it('reads a JSON object with items but no version as JSON Feed, with a warning', () => {
    const parsed = parse('{"title":"t","items":[{"id":"1"}]}');
    expect(parsed.format).toBe('json1.1');
    expect(parsed.warnings).toEqual(['JSON Feed without a version; read as 1.1']);
  });

  it('reads a JSON object with JSON Feed keys but no items as an empty JSON Feed, with a warning', () => {
    const parsed = parse('{"version":"2","home_page_url":"https://x.example/"}');
    expect(parsed).toMatchObject({ format: 'json1.1', link: 'https://x.example/', entries: [] });
    expect(parsed.warnings).toEqual(['unknown JSON Feed version 2; read as 1.1']);
  });

  it.each([
    ['', 'an empty document, not a feed'],
    ['  \n ', 'an empty document, not a feed'],
    ['<!DOCTYPE html><html><head><title>x</title></head><body><p>hi</body></html>', 'an HTML page, not a feed'],
    ['<html><body>not closed', 'an HTML page, not a feed'],
    ['<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"/>', 'an HTML page, not a feed'],
    ['<?xml version="1.0"?><opml version="2.0"><body/></opml>', 'not a feed: the root element is <opml>, not <rss>, <rdf:RDF> or <feed>'],
    ['{"rss":{"channel":{}}}', 'a JSON document, but not a JSON Feed (no version, items or other JSON Feed keys)'],
    ['{"items": [', 'not valid JSON'],
    ['just some text', 'not a feed: no XML element found'],
  ])('refuses %j', (text, message) => {
    expect(() => parse(text)).toThrow(NotAFeedError);
    expect(() => parse(text)).toThrow(message);
  });

  it('reads an RSS document whose DOCTYPE names XHTML (feedparser strips it)', () => {
    const text = '<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x.dtd"><rss><channel><title>found</title></channel></rss>';
    expect(parse(text).title?.value).toBe('found');
  });

  // gofeed's universal-parser cases: detection by content, never by file name.
  const universal = path.join(CORPORA, 'gofeed/parser/universal');
  it.each([
    ['atom03_feed.xml', 'atom0.3'],
    ['atom10_feed.xml', 'atom1.0'],
    ['rss_feed.xml', 'rss2.0'],
    ['rss_feed_bom.xml', 'rss2.0'],
    ['rss_feed_leading_spaces.xml', 'rss2.0'],
    ['rdf_feed.xml', 'rss1.0'],
    ['json10_feed.json', 'json1.0'],
    ['json11_feed.json', 'json1.1'],
  ])('gofeed universal %s is %s', (file, format) => {
    const parsed = parseFeed({ body: readFileSync(path.join(universal, file)) });
    expect(parsed.format).toBe(format);
    expect(parsed.title?.value).toMatch(/^(Feed Title|title)$/i);
  });

  it.each(['unknown_feed.xml', 'empty_feed.xml', 'invalid.json'])('gofeed universal %s is not a feed', (file) => {
    expect(() => parseFeed({ body: readFileSync(path.join(universal, file)) })).toThrow(NotAFeedError);
  });
});
