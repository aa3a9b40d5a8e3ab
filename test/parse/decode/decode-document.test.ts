import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeDocument, parseFeed } from '../../../src/parse/index.js';
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
    // The BOM settles it: UTF-8, with U+FFFD at the bad byte.
    ['invalid UTF-8 after a UTF-8 BOM', Buffer.from([0xef, 0xbb, 0xbf, 0x3c, 0x72, 0xff, 0x2f, 0x3e]), undefined, 'utf-8', true],
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

describe('decodeDocument: damaged, conflicting and undeclared encodings', () => {
  const feed = (title: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title></channel></rss>`;

  it('reads UTF-8 with one stray invalid byte as UTF-8, U+FFFD at that byte only, and says so', () => {
    const [head = '', tail = ''] = feed('Café — Grüße … 日本 … @').split('@');
    const bytes = Buffer.concat([Buffer.from(head), Buffer.from([0xff]), Buffer.from(tail)]);
    const decoded = decodeDocument(bytes);
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toContain('<title>Café — Grüße … 日本 … \ufffd</title>');
    expect(decoded.warnings).toEqual([expect.stringMatching(/^1 byte not valid UTF-8 replaced with U\+FFFD \(the first at byte \d+\)/)]);
  });

  it('does the same for UTF-8 with a stray byte labelled Latin-1, instead of reading it all as Latin-1', () => {
    const bytes = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="iso-8859-1"?><rss><channel><title>Grüße — 日本'), Buffer.from([0xe9]), Buffer.from('</title></channel></rss>')]);
    const decoded = decodeDocument(bytes);
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toContain('Grüße — 日本\ufffd');
  });

  it('still falls back to windows-1252 for text that is not mostly UTF-8', () => {
    const decoded = decodeDocument(Buffer.from(feed('Café crème, déjà vu, naïve — “quoted”'), 'latin1'));
    expect(decoded.encoding).toBe('windows-1252');
  });

  it('ignores charset=utf-16 on a UTF-8 body (the bytes are ASCII-compatible), with a warning, and parses the feed', () => {
    const body = Buffer.from(feed('Grüße'));
    const decoded = decodeDocument(body, 'application/rss+xml; charset=utf-16');
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.warnings).toContain('HTTP charset says utf-16, but the bytes are ASCII-compatible: ignored');
    const parsed = parseFeed({ body, contentType: 'application/rss+xml; charset=utf-16' });
    expect(parsed.title?.value).toBe('Grüße');
  });

  it.each([
    ['the XML declaration', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(feed('Grüße').replace('1.0"', '1.0" encoding="iso-8859-1"'))]), undefined, 'XML declaration says iso-8859-1, but the byte order mark says utf-8'],
    ['the HTTP charset', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(feed('Grüße'))]), 'application/xml; charset=iso-8859-1', 'HTTP charset says iso-8859-1, but the byte order mark says utf-8'],
  ])('decodes a UTF-8 BOM that %s contradicts as UTF-8, and warns', (_name, bytes, contentType, warning) => {
    const decoded = decodeDocument(bytes, contentType);
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toContain('Grüße');
    expect(decoded.warnings).toContain(warning);
  });

  it.each([
    ['koi8-r', 'Новости: в Москве открылся новый центр обработки данных, крупнейший в регионе; компания обещает низкие цены'],
    ['shift_jis', '新しいデータセンターが東京に開設されました。クラウドサービスの需要が高まっています。'],
    ['big5', '台灣新的資料中心今天正式啟用，雲端服務需求持續成長，業者表示將擴大投資。'],
  ])('guesses undeclared %s with the charset detector before the windows-1252 fallback', (encoding, text) => {
    const decoded = decodeDocument(iconv.encode(feed(text), encoding));
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toContain(text);
    expect(decoded.warnings).toEqual([expect.stringMatching(new RegExp(`no encoding declared .* read as ${encoding}, the charset detector's guess`))]);
  });
});
