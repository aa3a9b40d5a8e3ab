import { describe, expect, it } from 'vitest';
import { expectFor, folderOf, upstreamText } from './corpus.js';
import type { CorpusEntry } from './corpus.js';
import { deviationFor } from './deviations.js';
import { classify, formatReport, passRate, tallies } from './report.js';
import { responseHeaders, servedPath } from './run-case.js';

function entry(overrides: Partial<CorpusEntry>): CorpusEntry {
  return { path: 'wellformed/rss/x.xml', description: '', expect: 'not bozo', input: 'text', fields: [], ...overrides };
}

describe('upstreamText (the test helper that decodes text cases)', () => {
  const utf16 = (text: string, littleEndian: boolean): Buffer => {
    const le = Buffer.from(text, 'utf16le');
    return littleEndian ? le : Buffer.from(le).swap16();
  };

  it.each<[string, Buffer, string]>([
    ['plain UTF-8', Buffer.from('<rss>é</rss>'), '<rss>é</rss>'],
    ['UTF-8 with a BOM', Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('<a/>')]), '<a/>'],
    ['bad UTF-8 bytes dropped', Buffer.from([0x3c, 0x61, 0xff, 0x2f, 0x3e]), '<a/>'],
    ['a real U+FFFD kept', Buffer.from('<a>\ufffd</a>'), '<a>\ufffd</a>'],
    ['UTF-16LE by BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), utf16('<a/>', true)]), '<a/>'],
    ['UTF-16BE by BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16('<a/>', false)]), '<a/>'],
    ['UTF-16LE by <?', utf16('<?xml?><a/>', true), '<?xml?><a/>'],
    ['UTF-16BE by <?', utf16('<?xml?><a/>', false), '<?xml?><a/>'],
    ['UTF-32BE by <', Buffer.from([0, 0, 0, 0x3c, 0, 0, 0, 0x61, 0, 0, 0, 0x3e]), '<a>'],
    ['UTF-32LE with BOM', Buffer.from([0xff, 0xfe, 0, 0, 0x3c, 0, 0, 0, 0x62, 0, 0, 0]), '\ufeff<b'],
  ])('%s', (_name, data, text) => {
    expect(upstreamText(data)).toBe(text);
  });
});

describe('corpus helpers', () => {
  it('serves upstream headers, with text/xml unless the file names a Content-type', () => {
    expect(responseHeaders(entry({}))).toEqual({ 'content-type': 'text/xml' });
    expect(
      responseHeaders(entry({ headers: [['Content-type', ' text/xml;charset= "us-ascii"'], ['X-Foo', 'bar']] })),
    ).toEqual({ 'content-type': 'text/xml;charset= "us-ascii"', 'x-foo': 'bar' });
    expect(servedPath(entry({ path: 'encoding/a.xml' }))).toBe('/tests/encoding/a.xml');
  });

  it('moves Expect lines from upstream port 8097 to the local origin', () => {
    const line = entry({ expect: "feed['link'] == 'http://127.0.0.1:8097/relative/uri'" });
    expect(expectFor(line, 'http://127.0.0.1:41234')).toBe("feed['link'] == 'http://127.0.0.1:41234/relative/uri'");
    expect(expectFor(line, undefined)).toBe(line.expect);
  });

  it('names folders by directory', () => {
    expect(folderOf(entry({ path: 'illformed/chardet/big5.xml' }))).toBe('illformed/chardet');
    expect(folderOf(entry({ path: 'encoding/big5.xml' }))).toBe('encoding');
  });
});

describe('deviations and tallies', () => {
  it('explains failures whose expected markup keeps an element feedloom drops', () => {
    expect(deviationFor(entry({ expect: `entries[0]['description'] == '<input type="text" />'` }))?.id).toBe('sanitizer-dropped-elements');
    expect(deviationFor(entry({ expect: `entries[0]['description'] == '<inputs>'` }))).toBeUndefined();
    expect(deviationFor(entry({ path: 'wellformed/sanitize/c.xml', expect: "x == '<!-' + '- c -' + '->'" }))?.id).toBe(
      'sanitizer-drops-comments',
    );
  });

  it('counts a deviation only when the check did not pass', () => {
    const dropped = entry({ expect: `x == '<select>'` });
    expect(classify(dropped, { status: 'pass' }).deviation).toBeUndefined();
    expect(classify(dropped, { status: 'fail', detail: '' }).deviation).toBe('sanitizer-dropped-elements');
  });

  it('rates pass / (pass + fail + crash), leaving n/a and deviations out', () => {
    const results = [
      classify(entry({ path: 'a/1.xml' }), { status: 'pass' }),
      classify(entry({ path: 'a/2.xml' }), { status: 'fail', detail: 'x' }),
      classify(entry({ path: 'a/3.xml' }), { status: 'not-applicable', detail: 'feed.cloud' }),
      classify(entry({ path: 'b/4.xml', expect: "x == '<form>'" }), { status: 'fail', detail: 'x' }),
      classify(entry({ path: 'b/5.xml' }), { status: 'crash', detail: 'boom' }),
    ];
    const { folders, total } = tallies(results);
    expect(total).toEqual({ files: 5, pass: 1, fail: 1, crash: 1, notApplicable: 1, deviation: 1 });
    expect(passRate(total)).toBeCloseTo(1 / 3);
    expect(passRate(folders.get('a') ?? total)).toBe(0.5);
    expect(formatReport(results)).toMatch(/^TOTAL\s+5\s+1\s+1\s+1\s+1\s+1\s+33\.3%$/m);
  });
});
