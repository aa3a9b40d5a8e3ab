import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeedFormat } from '../../src/model/index.js';
import { NotAFeedError } from '../../src/model/index.js';
import { decodeDocument, parseFeed } from '../../src/parse/index.js';
import { CORPORA } from './corpora.js';

const dir = path.join(CORPORA, 'real-world');
const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, { format: string }>;

/** Files that are expected not to parse, and why. */
const NOT_FEEDS: Record<string, string> = {
  'rsparser__ScriptingNews.json': 'a JSON document, but not a JSON Feed',
};

/** The manifest's format names, in ParsedFeed's terms. */
function expectedFormat(manifestFormat: string): FeedFormat {
  // An <rss> without a version attribute is plain "rss", as feedparser says (its items are counted as RSS's).
  if (manifestFormat.includes('no version attribute')) return 'rss';
  if (manifestFormat.startsWith('rss2.0')) return 'rss2.0';
  return manifestFormat.replace(/^jsonfeed/, 'json') as FeedFormat;
}

/**
 * An independent item count: the JSON `items` array, or the start tags of `<item>` / `<entry>`
 * (any prefix) in the decoded text outside comments and CDATA. Self-closing `<item />` is not an item:
 * node-feedparser's illegally-nested.xml has an empty one inside each real item.
 */
function independentCount(text: string, format: FeedFormat): number {
  if (format.startsWith('json')) return (JSON.parse(text) as { items: unknown[] }).items.length;
  const markup = text.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  const tag = format.startsWith('atom') ? 'entry' : 'item';
  return (markup.match(new RegExp(`<(?:[\\w.-]+:)?${tag}(?:\\s[^>]*[^/>])?\\s*>`, 'g')) ?? []).length;
}

describe('real-world corpus', () => {
  const names = Object.keys(manifest).sort();
  it('covers the whole corpus', () => expect(names.length).toBeGreaterThanOrEqual(99));

  it.each(names)('%s', (name) => {
    const body = readFileSync(path.join(dir, name));
    const reason = NOT_FEEDS[name];
    if (reason) {
      expect(() => parseFeed({ body })).toThrow(NotAFeedError);
      expect(() => parseFeed({ body })).toThrow(reason);
      return;
    }
    const parsed = parseFeed({ body, url: `https://example.com/${name}` });
    const format = expectedFormat(manifest[name]?.format ?? '');
    expect(parsed.format).toBe(format);
    expect(parsed.entries.length).toBe(independentCount(decodeDocument(body).text, format));
    // Every entry of a real feed carries something to show or link to.
    for (const entry of parsed.entries) {
      expect(entry.title ?? entry.link ?? entry.summary ?? entry.content[0] ?? entry.id ?? entry.enclosures[0]).toBeDefined();
    }
  });
});
