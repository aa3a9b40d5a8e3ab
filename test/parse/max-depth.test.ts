import { describe, expect, it } from 'vitest';
import { FeedloomError } from '../../src/model/index.js';
import { DEFAULT_MAX_DEPTH, parseFeed } from '../../src/parse/index.js';

/** An RSS item whose description holds `levels` nested elements as raw (inline) markup. */
function nestedRss(levels: number, closed = true): string {
  return `<rss version="2.0"><channel><title>t</title>\n<item><title>deep</title><description>${'<div>'.repeat(levels)}x${
    closed ? '</div>'.repeat(levels) : ''
  }</description></item></channel></rss>`;
}

/** A JSON Feed whose one item carries `levels` nested arrays in an extension field. */
function nestedJson(levels: number): string {
  return `{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"1","content_text":"[[not nesting]]","_x":${'['.repeat(levels)}${']'.repeat(levels)}}]}`;
}

function failure(run: () => unknown): FeedloomError {
  try {
    run();
  } catch (error) {
    if (error instanceof FeedloomError) return error;
    throw error;
  }
  throw new Error('did not fail');
}

// rss > channel > item > description: four levels before the description's content.
const OUTER = 4;

describe('maxDepth: documents nested deeper than the cap fail with TOO_COMPLEX', () => {
  it('reads a well-formed document nested exactly to the default cap', () => {
    const feed = parseFeed({ body: Buffer.from(nestedRss(DEFAULT_MAX_DEPTH - OUTER)) });
    expect(feed.entries).toHaveLength(1);
  });

  it('refuses a well-formed document one level deeper, naming the cap and the line and column', () => {
    const error = failure(() => parseFeed({ body: Buffer.from(nestedRss(DEFAULT_MAX_DEPTH - OUTER + 1)) }));
    expect(error.code).toBe('TOO_COMPLEX');
    expect(error.message).toContain(`maxDepth (${DEFAULT_MAX_DEPTH} levels)`);
    // The 257th element opens on line 2, after `<item><title>deep</title><description>` and 252 `<div>`s.
    expect(error.message).toContain(`line 2, column ${38 + (DEFAULT_MAX_DEPTH - OUTER) * 5 + 1}`);
  });

  it('refuses a document that is not well-formed either (the lenient parser has the same cap)', () => {
    const error = failure(() => parseFeed({ body: Buffer.from(nestedRss(DEFAULT_MAX_DEPTH, false)) }));
    expect(error.code).toBe('TOO_COMPLEX');
    expect(error.message).toMatch(/maxDepth \(256 levels\) at line 2, column \d+/);
  });

  it('takes the cap from the options', () => {
    expect(parseFeed({ body: Buffer.from(nestedRss(20)) }, { maxDepth: 24 }).entries).toHaveLength(1);
    const error = failure(() => parseFeed({ body: Buffer.from(nestedRss(21)) }, { maxDepth: 24 }));
    expect(error.message).toContain('maxDepth (24 levels)');
  });

  it('does not count unclosed <br> and the like in a document read leniently', () => {
    const xml = `<rss><channel><item><description>${'line<br>'.repeat(DEFAULT_MAX_DEPTH * 2)}</description></item></channel></rss>`;
    const feed = parseFeed({ body: Buffer.from(xml) });
    expect(feed.entries).toHaveLength(1);
    expect(feed.warnings[0]).toMatch(/^not well-formed XML/);
  });

  it('applies to JSON Feed arrays and objects, brackets inside strings aside', () => {
    expect(parseFeed({ body: Buffer.from(nestedJson(DEFAULT_MAX_DEPTH - 3)) }).entries).toHaveLength(1);
    const error = failure(() => parseFeed({ body: Buffer.from(nestedJson(DEFAULT_MAX_DEPTH - 2)) }));
    expect(error.code).toBe('TOO_COMPLEX');
    expect(error.message).toMatch(/maxDepth \(256 levels\) at line 1, column \d+/);
  });

  it('finds a deep JSON document however its strings escape quotes and backslashes', () => {
    const json = `{"version":"https://jsonfeed.org/version/1","title":"a \\" [ \\\\","items":[],"_x":${'{"k":'.repeat(300)}1${'}'.repeat(300)}}`;
    expect(failure(() => parseFeed({ body: Buffer.from(json) })).code).toBe('TOO_COMPLEX');
  });
});
