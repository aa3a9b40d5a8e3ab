import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/parse/index.js';

/** Parse and time a document; the bounds below are generous (shared CI), but a quadratic blow-up misses them by far. */
function timed(xml: string): { ms: number; entries: number; warnings: string[] } {
  const start = performance.now();
  const parsed = parseFeed({ body: Buffer.from(xml) });
  return { ms: performance.now() - start, entries: parsed.entries.length, warnings: parsed.warnings };
}

const repeat = (n: number, f: (i: number) => string): string => Array.from({ length: n }, (_, i) => f(i)).join('');

describe('hostile or huge documents stay linear', () => {
  it('100,000 categories in one item', () => {
    const r = timed(`<rss><channel><item>${repeat(100_000, (i) => `<category>c${i % 50_000}</category>`)}</item></channel></rss>`);
    expect(r.ms).toBeLessThan(5_000);
  });

  it('100,000 media:content enclosures in one item', () => {
    const r = timed(
      `<rss xmlns:media="http://search.yahoo.com/mrss/"><channel><item>${repeat(100_000, (i) => `<media:content url="http://x/${i}"/>`)}</item></channel></rss>`,
    );
    expect(r.ms).toBeLessThan(5_000);
  });

  it('100,000 levels of nesting, closed or not, fail as TOO_COMPLEX', () => {
    for (const closing of ['</div>'.repeat(100_000), '']) {
      const start = performance.now();
      const xml = `<rss><channel><item><description>${'<div>'.repeat(100_000)}x${closing}</description></item></channel></rss>`;
      expect(() => parseFeed({ body: Buffer.from(xml) })).toThrow(expect.objectContaining({ code: 'TOO_COMPLEX' }));
      expect(performance.now() - start).toBeLessThan(3_000);
    }
  });

  it('100,000 unclosed void elements and 100,000 stray end tags fail as TOO_COMPLEX (lenient path)', () => {
    const start = performance.now();
    const xml = `<rss><channel><item><description>${'x<br>'.repeat(100_000)}${'</p>'.repeat(100_000)}</description></item></channel></rss>`;
    expect(() => parseFeed({ body: Buffer.from(xml) })).toThrow(/elements left open/);
    expect(performance.now() - start).toBeLessThan(3_000);
  });

  it('a few hundred unclosed void elements in one item are read (lenient path)', () => {
    const r = timed(`<rss><channel><item><description>${'x<br>'.repeat(300)}</description></item></channel></rss>`);
    expect(r.entries).toBe(1);
  });

  it('a million undefined entities give one warning', () => {
    const r = timed(`<rss><channel><title>${'&x; '.repeat(1_000_000)}</title></channel></rss>`);
    expect(r.ms).toBeLessThan(10_000);
    expect(r.warnings).toEqual(['undefined entity &x; kept as text']);
  });

  it('20,000 items with unclosed <br> (lenient path)', () => {
    const r = timed(`<rss><channel>${repeat(20_000, (i) => `<item><title>t<br>${i}</title></item>`)}</channel></rss>`);
    expect(r.entries).toBe(20_000);
    expect(r.ms).toBeLessThan(5_000);
  });
});
