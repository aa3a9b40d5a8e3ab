import { describe, expect, it } from 'vitest';
import { attr, textContent } from '../../../src/parse/xml/index.js';
import { MAX_DTD_ENTITIES, MAX_DTD_ENTITY_LENGTH } from '../../../src/parse/xml/doctype.js';
import { parse } from './helpers.js';

/** The decoded text of `<t>` in `<r><t>…</t></r>`, with the warnings. */
function decode(inner: string, doctype = '', encoding = 'utf-8'): { text: string; warnings: string[] } {
  const { root, warnings } = parse(`${doctype}<r><t>${inner}</t></r>`, undefined, encoding);
  const t = root.children.find((c) => c.kind === 'element');
  return { text: t && t.kind === 'element' ? textContent(t) : '', warnings };
}

describe('entity decoding', () => {
  it.each<[string, string, string[]]>([
    ['&lt;&gt;&amp;&quot;&apos;', `<>&"'`, []],
    ['&#233;&#xE9;&#XE9;', 'ééé', []],
    ['&#x1F600;', '😀', []],
    ['&#146; &#150;', '\u2019 \u2013', []],
    ['&hellip;', '…', ['HTML entity &hellip; in XML, decoded']],
    ['&nbsp;&copy;', '\u00a0©', ['HTML entity &nbsp; in XML, decoded', 'HTML entity &copy; in XML, decoded']],
    ['&lang;&rang;', '\u2329\u232a', ['HTML entity &lang; in XML, decoded', 'HTML entity &rang; in XML, decoded']],
    ['&foo; bar', '&foo; bar', ['undefined entity &foo; kept as text']],
    ['&#0;', '&#0;', []],
    ['<![CDATA[&amp; stays]]>', '&amp; stays', []],
  ])('%s', (inner, text, warnings) => {
    const decoded = decode(inner);
    expect(decoded.text).toBe(text);
    expect(decoded.warnings).toEqual(warnings);
  });

  it('maps C1 control characters to their windows-1252 meaning', () => {
    expect(decode('don\u0092t').text).toBe('don\u2019t');
  });

  it('repairs UTF-8 that was read as Latin-1 and re-encoded, in UTF-8 documents only', () => {
    expect(decode('&#226;&#128;&#166;').text).toBe('…');
    expect(decode('&#226;&#128;&#166;', '', 'iso-8859-1').text).toBe('â€¦');
  });

  it('decodes entities in attribute values', () => {
    const { root } = parse('<r a="x &amp; y &#65; &hellip;"/>');
    expect(attr(root, 'a')).toBe('x & y A …');
  });

  it('expands internal DTD entities, without recursion, and never fetches external ones', () => {
    const doctype = `<!DOCTYPE r [
      <!ENTITY co "Example &#38; Co">
      <!ENTITY nested "&co;!">
      <!ENTITY ext SYSTEM "http://127.0.0.1:1/never">
    ]>`;
    const decoded = decode('&co; &nested; &ext;', doctype);
    expect(decoded.text).toBe('Example & Co &co;! &ext;');
    expect(decoded.warnings).toEqual([
      'DTD declares external entity &ext; (SYSTEM "http://127.0.0.1:1/never"): never fetched; references to it stay undefined',
      'undefined entity &ext; kept as text',
    ]);
  });

  it('limits the number and size of DTD entities', () => {
    const many = Array.from({ length: MAX_DTD_ENTITIES + 5 }, (_, i) => `<!ENTITY e${i} "v${i}">`).join('\n');
    const big = `<!ENTITY big "${'x'.repeat(MAX_DTD_ENTITY_LENGTH + 1)}">`;
    const decoded = decode(`&e0; &e${MAX_DTD_ENTITIES + 2}; &big;`, `<!DOCTYPE r [${many}${big}]>`);
    expect(decoded.text).toBe(`v0 &e${MAX_DTD_ENTITIES + 2}; &big;`);
    expect(decoded.warnings).toContain(`more than ${MAX_DTD_ENTITIES} DTD entities; the rest are ignored`);
  });

  it('stops expanding once a document has produced a million characters of entity text', () => {
    const doctype = `<!DOCTYPE r [<!ENTITY k "${'k'.repeat(10_000)}">]>`;
    const decoded = decode('&k;'.repeat(150), doctype);
    expect(decoded.text.length).toBeLessThan(1_100_000);
    expect(decoded.warnings).toContain('entity expansion limit reached; &k; kept as text');
  });

  it('accepts HTML entities silently when the DOCTYPE names a DTD that defines them', () => {
    const netscape = '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">';
    expect(decode('caf&eacute;', netscape)).toEqual({ text: 'café', warnings: [] });
  });
});
