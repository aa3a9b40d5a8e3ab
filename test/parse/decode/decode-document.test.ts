import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeDocument } from '../../../src/parse/index.js';
import { CORPORA, type FeedparserCase } from '../corpora.js';

const FEEDPARSER = path.join(CORPORA, 'feedparser');
const cases = (JSON.parse(readFileSync(path.join(FEEDPARSER, 'expectations.json'), 'utf8')) as FeedparserCase[]).filter(
  (c) => c.path.startsWith('encoding/'),
);

/** The Content-Type feedparser's test server sends: the Header line, else text/xml for HTTP cases. */
function contentTypeOf(c: FeedparserCase): string | undefined {
  const header = c.headers?.find(([name]) => name.toLowerCase() === 'content-type');
  if (header) return header[1];
  return c.path.includes('http') ? 'text/xml' : undefined;
}

describe('decodeDocument on feedparser encoding cases', () => {
  const withEncoding = cases.filter((c) => /encoding == '/.test(c.expect));
  it('covers the corpus', () => expect(withEncoding.length).toBeGreaterThan(60));

  it.each(withEncoding.map((c) => [c.path, c] as const))('%s', (_path, c) => {
    const expected = /encoding == '([^']+)'/.exec(c.expect)?.[1];
    const decoded = decodeDocument(readFileSync(path.join(FEEDPARSER, c.path)), contentTypeOf(c));
    expect(decoded.encoding).toBe(expected);
    // feedparser's "bozo" is our "there were warnings".
    if (c.expect.startsWith('not bozo')) expect(decoded.warnings).toEqual([]);
    if (c.expect.startsWith('bozo')) expect(decoded.warnings.length).toBeGreaterThan(0);
  });

  const bozoOnly = cases.filter((c) => /^bozo\b/.test(c.expect) && !/encoding ==/.test(c.expect));
  it.each(bozoOnly.map((c) => [c.path, c] as const))('%s warns', (_path, c) => {
    const decoded = decodeDocument(readFileSync(path.join(FEEDPARSER, c.path)), contentTypeOf(c));
    // bozo_double-encoded-html is bozo for its HTML entities, not its encoding.
    if (!c.path.includes('double-encoded')) expect(decoded.warnings.length).toBeGreaterThan(0);
  });
});

const utf16le = (s: string): Buffer => Buffer.from(s, 'utf16le');
const utf16be = (s: string): Buffer => utf16le(s).swap16();
const utf32 = (s: string, bigEndian: boolean): Buffer => {
  const out = Buffer.alloc(s.length * 4);
  [...s].forEach((ch, i) => (bigEndian ? out.writeUInt32BE(ch.codePointAt(0) ?? 0, i * 4) : out.writeUInt32LE(ch.codePointAt(0) ?? 0, i * 4)));
  return out;
};
const XML = '<?xml version="1.0"?><rss><channel><title>Café</title></channel></rss>';

describe('decodeDocument', () => {
  it.each<[string, Uint8Array, string | undefined, string, boolean]>([
    // name, bytes, content type, expected encoding, expect a warning
    ['UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(XML)]), undefined, 'utf-8', false],
    ['UTF-16LE BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(XML)]), undefined, 'utf-16le', false],
    ['UTF-16BE BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(XML)]), undefined, 'utf-16be', false],
    ['UTF-16LE without BOM', utf16le(XML), undefined, 'utf-16le', false],
    ['UTF-16BE without BOM', utf16be(XML), undefined, 'utf-16be', false],
    ['UTF-32BE without BOM', utf32(XML, true), undefined, 'utf-32be', false],
    ['UTF-32LE BOM', Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32(XML, false)]), undefined, 'utf-32le', false],
    ['plain UTF-8', Buffer.from(XML), undefined, 'utf-8', false],
    ['declared ISO-8859-1', Buffer.from(XML.replace('1.0"', '1.0" encoding="ISO-8859-1"'), 'latin1'), undefined, 'iso-8859-1', false],
    ['declared latin-1 but UTF-8 bytes', Buffer.from(XML.replace('1.0"', '1.0" encoding="iso-8859-1"')), undefined, 'utf-8', true],
    ['undeclared windows-1252 bytes', Buffer.from(XML, 'latin1'), undefined, 'windows-1252', true],
    ['HTTP charset beats the declaration', Buffer.from(XML.replace('1.0"', '1.0" encoding="utf-8"'), 'latin1'), 'application/xml; charset=iso-8859-1', 'iso-8859-1', false],
    ['text/xml without charset is us-ascii', Buffer.from('<rss/>'), 'text/xml', 'us-ascii', false],
    ['text/xml without charset, UTF-8 body', Buffer.from(XML), 'text/xml', 'utf-8', true],
    ['text/html is not an XML type', Buffer.from('<rss/>'), 'text/html; charset=utf-8', 'utf-8', true],
    ['unknown charset', Buffer.from(XML), 'application/xml; charset=x-no-such-thing', 'utf-8', true],
    ['declared UTF-16 over ASCII bytes', Buffer.from(XML.replace('1.0"', '1.0" encoding="utf-16"')), undefined, 'utf-8', true],
    ['JSON in UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le('{"items":[]}')]), 'application/json', 'utf-16le', false],
    ['invalid UTF-8 after a UTF-8 BOM', Buffer.from([0xef, 0xbb, 0xbf, 0x3c, 0x72, 0xff, 0x2f, 0x3e]), undefined, 'windows-1252', true],
  ])('%s', (_name, bytes, contentType, encoding, warns) => {
    const decoded = decodeDocument(bytes, contentType);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.warnings.length > 0).toBe(warns);
  });

  it('decodes the text, dropping the BOM and whitespace before the declaration', () => {
    const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(`\n  ${XML}`)]);
    expect(decodeDocument(bytes).text).toBe(XML);
  });

  it('decodes legacy charsets named by the declaration', () => {
    const koi8 = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="KOI8-R"?><title>'),
      Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]),
      Buffer.from('</title>'),
    ]);
    const decoded = decodeDocument(koi8);
    expect(decoded.encoding).toBe('koi8-r');
    expect(decoded.text).toContain('Привет');
  });

  it('names gb2312 as its superset gb18030', () => {
    expect(decodeDocument(Buffer.from('<?xml version="1.0" encoding="gb2312"?><a/>')).encoding).toBe('gb18030');
  });
});
