import { describe, expect, it } from 'vitest';
import { htmlToText, sanitizeHtml, sanitizeHtmlWithText } from '../../../src/normalise/html/index.js';

describe('sanitizeHtmlWithText: one tokenisation, the same results as sanitizeHtml and htmlToText', () => {
  it.each([
    ['plain', 'Hello world'],
    ['markup', '<p>one <b>two</b></p><p>three<br>four</p><ul><li>a</li><li>b</li></ul>'],
    ['dropped elements keep their word breaks', '<main>a</main>b<form>c</form>d<html><body>e</body></html>'],
    ['script, style and event handlers', 'a<script>bad()</script><img src="x.png" onerror="x()">b<style>p{}</style>'],
    ['references as written', 'AT&amp;T &copy; &#150; &#x2013; &hellip; &foo; Q&A'],
    ['relative URLs', '<a href="/x?a=1&amp;b=2">link</a><img src="i.png">'],
    ['comments', 'a<!-- secret -->b<!-- unterminated -- > c'],
    ['textarea and title read as text', '<textarea>&lt;b&gt; x</textarea><title>T</title>'],
    ['SVG and MathML', '<svg><circle r="1" fill="url(#a)"/></svg><math><mi>x</mi></math>'],
    ['CDATA (the sanitiser alone rewrites it)', 'a<![CDATA[<b>x</b>]]>b'],
    ['stray <! (the sanitiser alone rewrites it)', 'a<!foo>b'],
    ['control characters and lone surrogates', 'a\u0000b\u0007c\ud800d&#1;e\r\nf\fg'],
    ['unbalanced', '<div><p>open<em>deep</div></b>'],
    ['empty', ''],
  ])('%s', (_name, html) => {
    const base = 'https://example.com/news/';
    expect(sanitizeHtmlWithText(html, { base })).toEqual({ html: sanitizeHtml(html, { base }), text: htmlToText(html) });
  });
});

describe('sanitizeHtmlWithText options', () => {
  it('honours externalLinkRel as sanitizeHtml does, the text unchanged', () => {
    const html = '<p>See <a href="/a" rel="Author">a</a> and <a href="#b">b</a></p>';
    const both = sanitizeHtmlWithText(html, { base: 'https://outlet.test/feed', externalLinkRel: true });
    expect(both.html).toBe(sanitizeHtml(html, { base: 'https://outlet.test/feed', externalLinkRel: true }));
    // With a base, even `#b` resolves to the outlet's page (feedparser's rule): a link to another site.
    expect(both.html).toBe(
      '<p>See <a href="https://outlet.test/a" rel="author noopener noreferrer">a</a> and <a href="https://outlet.test/feed#b" rel="noopener noreferrer">b</a></p>',
    );
    expect(both.text).toBe('See a and b');
  });
});
