import { describe, expect, it } from 'vitest';
import type { ParsedEntry, ParsedFeed } from '../../src/model/index.js';
import { cappedBy, DEFAULT_DOCUMENT_LIMITS } from '../../src/model/index.js';
import { cutTitle, newestEntries } from '../../src/normalise/caps.js';
import { sanitizeHtml } from '../../src/normalise/html/index.js';
import { truncateHtml, truncateText } from '../../src/normalise/html/truncate-html.js';
import { normaliseFeed } from '../../src/normalise/index.js';

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('truncateHtml: sanitised HTML cut to a byte budget, still well-formed', () => {
  const cases: [string, string, number][] = [
    ['inside a tag with attributes', `<p>${'a'.repeat(90)}<a href="https://example.com/very/long/path?x=1&amp;y=2" title="t">link</a></p>`, 110],
    ['inside a character reference', `<p>${'caf&eacute; &amp; th&#xe9; '.repeat(20)}</p>`, 101],
    ['inside a surrogate pair', `<p>${'🚀'.repeat(60)}</p>`, 102],
    ['among multi-byte characters', `<p>${'ÆØÅ€'.repeat(60)}</p>`, 99],
    ['deep in nested elements', `<div><ul>${'<li><b><i>item</i></b></li>'.repeat(40)}</ul></div>`, 200],
    ['after void elements', `<p>${'line<br />'.repeat(60)}</p>`, 120],
    ['plain text without markup', 'word '.repeat(100), 64],
  ];
  for (const [name, html, max] of cases) {
    it(`cuts ${name}`, () => {
      expect(sanitizeHtml(html)).toBe(html.trim());
      for (let budget = max - 20; budget <= max + 20; budget++) {
        const cut = truncateHtml(html, budget);
        expect(utf8(cut)).toBeLessThanOrEqual(budget);
        expect(cut).toContain('…');
        expect(cut).not.toMatch(LONE_SURROGATE);
        // The sanitiser closes what is open, drops broken tags and re-escapes a torn reference: it changes nothing.
        expect(sanitizeHtml(cut)).toBe(cut);
        expect(cut.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, '')).not.toContain('&');
      }
    });
  }

  it('returns HTML within the budget as it is', () => {
    const html = '<p>short <b>and</b> sweet</p>';
    expect(truncateHtml(html, utf8(html))).toBe(html);
    expect(truncateHtml(html, utf8(html) - 1)).toBe('<p>short <b>and</b> s…</p>');
  });

  it('cuts plain text at a character boundary', () => {
    expect(truncateText('🚀🚀🚀', 10)).toBe('🚀…');
    expect(truncateText('abc', 3)).toBe('abc');
    expect(utf8(truncateText('é'.repeat(100), 50))).toBeLessThanOrEqual(50);
  });
});

describe('cutTitle', () => {
  it.each([
    ['at the last space near the cap', 'Broadcom raises VMware prices again for every customer', 30, 'Broadcom raises VMware prices…'],
    ['mid-word when no space is near', `Supercalifragilistic${'x'.repeat(40)}`, 20, 'Supercalifragilisti…'],
    ['never inside a surrogate pair', `${'a'.repeat(8)}🚀🚀🚀`, 10, 'aaaaaaaa…'],
    ['not at all when it fits', 'Short', 10, 'Short'],
  ])('cuts %s', (_name, title, max, expected) => {
    const cut = cutTitle(title, max);
    expect(cut).toBe(expected);
    expect(cut.length).toBeLessThanOrEqual(max);
  });
});

function entry(id: string, published?: string): ParsedEntry {
  return {
    id, links: [], content: [], authors: [], contributors: [], categories: [], enclosures: [],
    ...(published ? { published } : {}), title: { type: 'text', value: `Title ${id}` },
  } as unknown as ParsedEntry;
}

describe('newestEntries', () => {
  it('keeps the newest by date, undated last, ties by document order, in document order', () => {
    const entries = [
      entry('undated-1'), entry('old', '2026-01-01T00:00:00Z'), entry('new', '2026-03-01T00:00:00Z'),
      entry('mid-a', '2026-02-01T00:00:00Z'), entry('mid-b', '2026-02-01T00:00:00Z'), entry('undated-2'),
    ];
    expect(newestEntries(entries, 3).map((e) => e.id)).toEqual(['new', 'mid-a', 'mid-b']);
    expect(newestEntries(entries, 5).map((e) => e.id)).toEqual(['undated-1', 'old', 'new', 'mid-a', 'mid-b']);
    expect(newestEntries(entries, 6)).toBe(entries);
  });
});

describe('normaliseFeed holds a document to its limits', () => {
  const feed = (entries: ParsedEntry[], title = 'Feed'): ParsedFeed => ({
    format: 'rss2.0', encoding: 'utf-8', warnings: ['an earlier warning'], title: { type: 'text', value: title },
    links: [], authors: [], contributors: [], categories: [], entries,
  }) as unknown as ParsedFeed;

  it('names each cap that cut something, once, and leaves a document within them alone', () => {
    const long = { ...entry('long'), title: { type: 'text', value: 'word '.repeat(500) }, summary: { type: 'html', value: `<p>${'x'.repeat(5_000)}</p>` } };
    const limits = { maxItems: 2, maxTitleChars: 100, maxContentBytes: 1_024 };
    const out = normaliseFeed(feed([long as ParsedEntry, entry('a'), entry('b')], 'T'.repeat(150)), limits);
    expect(out.items.map((i) => i.id)).toEqual(['long', 'a']);
    expect(out.warnings[0]).toBe('an earlier warning');
    expect(out.warnings.slice(1).map(cappedBy)).toEqual(['maxItems', 'maxTitleChars', 'maxContentBytes']);
    expect(out.warnings[2]).toBe('limits.maxTitleChars: 2 titles longer than 100 characters cut (the first: item "long", 2499 characters)');
    expect(out.feed.title).toHaveLength(100);
    expect(out.items[0]?.title.length).toBeLessThanOrEqual(100);
    expect(utf8(out.items[0]?.summary ?? '')).toBeLessThanOrEqual(1_024);

    const within = normaliseFeed(feed([entry('a')]), DEFAULT_DOCUMENT_LIMITS);
    expect(within.warnings).toEqual(['an earlier warning']);
  });
});
