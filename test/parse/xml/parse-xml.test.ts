import { describe, expect, it } from 'vitest';
import { attr, childElements, innerXml, textContent, XML_NAMESPACE } from '../../../src/parse/xml/index.js';
import { DEFAULT_MAX_DEPTH } from '../../../src/parse/limits.js';
import { find, parse } from './helpers.js';

describe('parseXml', () => {
  it('resolves namespaces from xmlns scopes, including redeclarations and attributes', () => {
    const { root } = parse(
      '<a xmlns="urn:a" xmlns:p="urn:p"><p:b p:x="1" y="2"><c xmlns="urn:c"/><p:d xmlns:p="urn:p2"/></p:b></a>',
    );
    const b = find(root, 'b');
    expect([root.ns, b.ns, find(root, 'c').ns, find(root, 'd').ns]).toEqual(['urn:a', 'urn:p', 'urn:c', 'urn:p2']);
    expect(attr(b, 'x', 'urn:p')).toBe('1');
    expect(attr(b, 'y')).toBe('2');
    expect(attr(b, 'x')).toBeUndefined();
  });

  it('assumes well-known namespaces for undeclared prefixes, with a warning', () => {
    const { root, warnings } = parse('<rss><dc:creator>x</dc:creator><zz:odd/></rss>');
    expect(find(root, 'creator').ns).toBe('http://purl.org/dc/elements/1.1/');
    expect(find(root, 'odd').ns).toBe('urn:undeclared-prefix:zz');
    expect(warnings).toHaveLength(2);
  });

  it('resolves xml:base along the ancestors and against the document URL', () => {
    const { root } = parse(
      '<feed xml:base="/blog/"><entry xml:base="posts/"><content xml:base="https://cdn.example.com/x/"/><title/></entry></feed>',
      'https://example.com/feeds/atom.xml',
    );
    expect(root.base).toBe('https://example.com/blog/');
    expect(find(root, 'entry').base).toBe('https://example.com/blog/posts/');
    expect(find(root, 'content').base).toBe('https://cdn.example.com/x/');
    expect(find(root, 'title').base).toBe('https://example.com/blog/posts/');
  });

  it('ignores an xml:base with a script scheme, and composes relative bases without a document URL', () => {
    const { root } = parse('<a xml:base="/x/"><b xml:base="javascript:alert(1)"><c xml:base="y/"/></b></a>');
    expect(find(root, 'b').base).toBe('/x/');
    expect(find(root, 'c').base).toBe('/x/y/');
  });

  it('inherits xml:lang, and a blank one clears it', () => {
    const { root } = parse('<a xml:lang="en"><b><c/></b><d xml:lang=""/></a>');
    expect(find(root, 'c').lang).toBe('en');
    expect(find(root, 'd').lang).toBeUndefined();
    expect(attr(root, 'lang', XML_NAMESPACE)).toBe('en');
  });

  it('keeps CDATA literal and distinguishes it', () => {
    const { root } = parse('<a><![CDATA[<b>&amp;</b>]]></a>');
    expect(root.children).toEqual([{ kind: 'text', value: '<b>&amp;</b>', cdata: true }]);
  });

  it('serialises inner markup back to HTML: XHTML prefixes dropped, text re-escaped, void elements closed', () => {
    const { root } = parse(
      '<c xmlns:x="http://www.w3.org/1999/xhtml"><x:p class="a&amp;b">1 &lt; 2 &amp; <x:br/><x:em>3</x:em></x:p><x:div></x:div></c>',
    );
    expect(innerXml(root)).toBe('<p class="a&amp;b">1 &lt; 2 &amp; <br /><em>3</em></p><div></div>');
  });

  it('serialises SVG with its namespace and xlink attributes declared', () => {
    const { root } = parse(
      '<c xmlns:svg="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><svg:svg><svg:a xlink:href="#x"/></svg:svg></c>',
    );
    expect(innerXml(root)).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg"><a xlink:href="#x" xmlns:xlink="http://www.w3.org/1999/xlink"></a></svg>',
    );
  });

  it('reads a document that is not well-formed leniently, with a warning naming line and column', () => {
    const { root, warnings } = parse('<rss>\n<item><title>A & B</title><description>x<br>y</description></item>\n<item/></rss>');
    expect(warnings[0]).toMatch(/^not well-formed XML: .*\(line 2, column 16\)$/);
    expect(childElements(root).map((e) => e.local)).toEqual(['item', 'item']);
    expect(textContent(find(root, 'title'))).toBe('A & B');
    expect(innerXml(find(root, 'description'))).toBe('x<br />y');
  });

  it('recovers from mismatched end tags without losing later siblings', () => {
    const { root, warnings } = parse('<rss><channel><item><title>t</b></title></item><item><title>u</title></item></channel></rss>');
    expect(warnings).toHaveLength(1);
    expect(childElements(find(root, 'channel'))).toHaveLength(2);
  });

  it('reads elements nested as deep as the limit', () => {
    const depth = DEFAULT_MAX_DEPTH - 1;
    const { root } = parse(`<r>${'<d>'.repeat(depth)}deep${'</d>'.repeat(depth)}</r>`);
    expect(textContent(root)).toBe('deep');
  });

  it('ignores a DOCTYPE, comments and processing instructions', () => {
    const { root, warnings } = parse('<?xml version="1.0"?><!-- c --><!DOCTYPE r SYSTEM "http://127.0.0.1:1/x.dtd"><?pi x?><r>t<!-- c --></r>');
    expect(root.local).toBe('r');
    expect(root.children).toEqual([{ kind: 'text', value: 't', cdata: false }]);
    expect(warnings).toEqual([]);
  });
});
