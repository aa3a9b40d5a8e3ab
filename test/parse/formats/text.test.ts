import { describe, expect, it } from 'vitest';
import type { ParsedText } from '../../../src/model/index.js';
import { parseFeed } from '../../../src/parse/index.js';
import { looksLikeHtml } from '../../../src/parse/formats/text.js';

describe('looksLikeHtml (feedparser heuristic for RSS titles)', () => {
  it.each<[string, boolean]>([
    ['plain words', false],
    ['AT&T', false],
    ['2 > 1', false],
    ['<b>bold</b>', true],
    ['caf&eacute;', true],
    ['a &#169; b', true],
    ['<custom>x</custom>', false],
    ['&notanentity; x', false],
    ['<br>', false],
    ['Example <b>Atom</b>', true],
    ['AT&amp;T', true],
    ['caf&#xe9;', true],
    ['1 < 2', false],
    ['History of the <blink>tag</blink>', false],
    ['<B>bold</B>', true],
    ['<form>x</form>', true],
    ['Q&A', false],
    // Python's \w matches letters beyond ASCII: an unknown tag named in another script still rules HTML out.
    ['<b>x</b> <é>', false],
  ])('%j → %s', (text, expected) => {
    expect(looksLikeHtml(text)).toBe(expected);
  });

  it('answers false for what is not a string, and stays linear on many references', () => {
    expect((looksLikeHtml as (text: unknown) => boolean)({})).toBe(false);
    expect(looksLikeHtml('&amp;'.repeat(200_000) + '</b>')).toBe(true);
  });
});

const ATOM10 = 'xmlns="http://www.w3.org/2005/Atom"';
const ATOM03 = 'version="0.3" xmlns="http://purl.org/atom/ns#"';

function atomTitle(ns: string, title: string): ParsedText | undefined {
  return parseFeed({ body: Buffer.from(`<feed ${ns}>${title}</feed>`) }).title;
}

describe('Atom text constructs', () => {
  it.each<[string, string, string, ParsedText['type']]>([
    [ATOM10, '<title>a &lt;b&gt;</title>', 'a <b>', 'text'],
    [ATOM10, '<title type="html">a &lt;b&gt;x&lt;/b&gt;</title>', 'a <b>x</b>', 'html'],
    [ATOM10, '<title type="html"><![CDATA[<i>x</i>]]></title>', '<i>x</i>', 'html'],
    [ATOM10, '<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">a <b>x</b></div></title>', 'a <b>x</b>', 'xhtml'],
    [ATOM10, '<title type="html"><div xmlns="http://www.w3.org/1999/xhtml">a &lt;b&gt;</div></title>', 'a <b>', 'html'],
    [ATOM10, '<title type="html">a <b>raw</b></title>', 'a <b>raw</b>', 'xhtml'],
    [ATOM03, '<title type="application/xhtml+xml"><div xmlns="http://www.w3.org/1999/xhtml">a <b>x</b></div></title>', '<div>a <b>x</b></div>', 'xhtml'],
    [ATOM03, '<title type="text/html" mode="escaped">a &lt;b&gt;</title>', 'a <b>', 'html'],
    [ATOM03, '<title type="text/html" mode="base64">PGI+eDwvYj4=</title>', '<b>x</b>', 'html'],
    [ATOM03, '<title type="text/plain" mode="xml">  spaced  </title>', 'spaced', 'text'],
  ])('%s %s', (ns, title, value, type) => {
    expect(atomTitle(ns, title)).toMatchObject({ value, type });
  });

  it('carries xml:lang and the effective xml:base', () => {
    const title = atomTitle(`${ATOM10} xml:base="http://a.example/" xml:lang="de_AT"`, '<title xml:base="b/">t</title>');
    expect(title).toEqual({ value: 't', type: 'text', language: 'de-AT', base: 'http://a.example/b/' });
  });
});

describe('RSS text fields', () => {
  const item = (inner: string) =>
    parseFeed({ body: Buffer.from(`<rss version="2.0"><channel><item>${inner}</item></channel></rss>`) }).entries[0];

  it('types titles as text unless they look like HTML', () => {
    expect(item('<title>AT&amp;T &amp; co</title>')?.title).toMatchObject({ value: 'AT&T & co', type: 'text' });
    expect(item('<title>&lt;em&gt;Hi&lt;/em&gt;</title>')?.title).toMatchObject({ value: '<em>Hi</em>', type: 'html' });
  });

  it('keeps description markup, whether escaped, CDATA or raw elements', () => {
    expect(item('<description>&lt;p&gt;a&lt;/p&gt;</description>')?.summary).toMatchObject({ value: '<p>a</p>', type: 'html' });
    expect(item('<description><![CDATA[<p>a</p>]]></description>')?.summary).toMatchObject({ value: '<p>a</p>', type: 'html' });
    expect(item('<description><p>a<br/></p></description>')?.summary).toMatchObject({ value: '<p>a<br /></p>', type: 'xhtml' });
  });

  it('turns a second description-like element into content while there is none (feedparser)', () => {
    const entry = item('<description>first</description><summary>second</summary>');
    expect(entry?.summary?.value).toBe('first');
    expect(entry?.content.map((c) => c.value)).toEqual(['second']);
  });
});
