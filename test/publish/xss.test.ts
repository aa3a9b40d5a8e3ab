import { XMLValidator } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { TAG_SHAPED } from '../../src/normalise/index.js';
import { parseFeed } from '../../src/parse/index.js';
import {
  renderArchiveIndex,
  renderArchiveMonth,
  renderAtom,
  renderFeedPage,
  renderJsonFeed,
  renderNotFound,
  renderOpml,
  renderRss,
  renderSourcesPage,
  renderStoryPage,
} from '../../src/publish/index.js';
import { executableProblems, withoutSearchBox } from './support/markup-scan.js';
import { HOSTILE_SITE, HOSTILE_SOURCES, hostileFeed } from './support/hostile-feed.js';
import { defined } from './support/defined.js';

// Script, event handlers and javascript: URLs planted in titles, URLs, outlet names, vendors,
// categories, authors and the site's own names never come out executable, in any output.

const feed = hostileFeed();
const entry = defined(feed.entries[0]);

const PAGES: [string, string][] = [
  ['feed page', renderFeedPage({ site: HOSTILE_SITE, feed })],
  ['story page', renderStoryPage({ site: HOSTILE_SITE, story: { id: entry.storyId, entry, coverage: entry.coverage } })],
  ['archive index', renderArchiveIndex({ site: HOSTILE_SITE, months: [{ year: 2024, month: 5, count: 1 }] })],
  ['archive month', renderArchiveMonth({ site: HOSTILE_SITE, year: 2024, month: 5, page: 1, pages: 2, entries: feed.entries })],
  ['sources page', renderSourcesPage({ site: HOSTILE_SITE, sources: HOSTILE_SOURCES })],
  ['not found', renderNotFound({ site: HOSTILE_SITE, message: '<script>alert(1)</script>' })],
];

const FEEDS: [string, string][] = [
  ['rss', renderRss(feed)],
  ['atom', renderAtom(feed)],
];

describe('HTML pages with hostile input', () => {
  it.each(PAGES)('%s: no script, handler or non-http URL', (_name, page) => {
    expect(executableProblems(withoutSearchBox(page))).toEqual([]);
    expect(page).not.toMatch(/<script|<svg|<img src=x/i);
    // The hostile text is still shown, as text.
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('keeps the planted names visible as escaped text where they belong', () => {
    const page = defined(PAGES[0])[1];
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;'); // outlet name
    expect(page).toContain('&quot;&gt;&lt;svg onload=alert(1)&gt;'); // vendor badge
    expect(page).toContain('<html lang="en&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">');
    // The story id goes into paths percent-encoded.
    expect(page).toContain('href="/stories/%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E"');
  });
});

describe('feeds with hostile input', () => {
  it.each(FEEDS)('%s is well-formed and has no markup-looking text outside CDATA-wrapped sanitised HTML', (_name, xml) => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toMatch(/<script|<svg|<img src=x|<b onmouseover/i);
    expect(xml).not.toMatch(/javascript:|vbscript:|data:text/i);
  });

  it.each(FEEDS)('%s: every URL attribute or link element read back is http(s)', (_name, xml) => {
    for (const match of xml.matchAll(/\b(?:href|url)="([^"]*)"/g)) expect(match[1]).toMatch(/^https?:\/\//);
    for (const match of xml.matchAll(/<(?:link|uri|docs)>([^<]*)</g)) expect(match[1]).toMatch(/^https?:\/\//);
  });

  it.each(FEEDS)('%s: the HTML bodies readers render are safe, and the title is text', async (name, xml) => {
    const parsed = parseFeed({ body: Buffer.from(xml), url: feed.feedUrls.rss });
    const item = defined(parsed.entries[0]);
    for (const body of [...item.content, ...(item.summary ? [item.summary] : [])]) {
      expect(executableProblems(body.value)).toEqual([]);
      expect(body.value).not.toMatch(/<script|<img src=x/i);
    }
    expect(item.link).toBe('https://headlines.example.org/stories/%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(item.enclosures.map((e) => e.url)).not.toContain('javascript:alert(3)');
    // An independent reader sees the same link, and a title with the markup stripped (plain fields carry no tags).
    const out = await new Parser().parseString(xml);
    expect(out.items[0]?.link).toBe(item.link);
    expect(out.items[0]?.title).toBe(']]> x');
    expect(item.title?.type).toBe('text');
    for (const text of [item.title?.value, item.source?.title, ...item.authors.map((a) => a.name), ...item.categories.map((c) => c.term)]) {
      expect(text ?? '').not.toMatch(TAG_SHAPED);
    }
  });

  it('JSON Feed: no literal markup, no non-http URLs in url fields', () => {
    const json = renderJsonFeed(feed);
    expect(json).not.toMatch(/[<>]/);
    const doc = JSON.parse(json) as { hubs?: unknown[]; items: Record<string, unknown>[] };
    expect(doc.hubs).toEqual([{ type: 'WebSub', url: 'https://hub.example.com/%22onmouseover=%22alert(1)' }]);
    const item = defined(doc.items[0]);
    expect(item.url).toMatch(/^https:\/\//);
    // The author's name was nothing but a script: stripped, nothing is left to name.
    expect(item.authors).toBeUndefined();
    expect(item.title).toBe(']]> x');
    expect(item.tags).toEqual(['">', 'cat']);
    expect(item.attachments).toEqual([
      { url: 'https://cdn.example.com/a.mp3', mime_type: 'audio/mpeg" onload="alert(1)', size_in_bytes: 5 },
    ]);
    const coverage = (item._feedloom as { coverage: { url: string | null }[] }).coverage;
    expect(coverage.map((c) => c.url)).toEqual([null, null, null]);
    expect(executableProblems(item.content_html as string)).toEqual([]);
  });

  it('OPML drops non-http feed URLs and escapes names', () => {
    const opml = renderOpml({
      title: '<script>alert(1)</script>',
      sources: [
        { id: 'a', title: '"><script>alert(1)</script>', url: 'https://a.example/feed', siteUrl: 'javascript:alert(1)', tags: ['<b>'] },
        { id: 'b', title: 'B', url: 'javascript:alert(1)', siteUrl: null, tags: [] },
      ],
    });
    expect(XMLValidator.validate(opml)).toBe(true);
    expect(opml).not.toMatch(/<script|<b>|javascript:/);
    expect(opml.match(/<outline /g)).toHaveLength(1);
  });
});

describe('the markup scanner these tests rely on', () => {
  it.each([
    ['<script>alert(1)</script>', '<script> element'],
    ['<img src=x onerror=alert(1)>', 'event handler'],
    ['<a href="javascript:alert(1)">x</a>', 'not an http(s) URL'],
    ['<a href="&#106;avascript:alert(1)">x</a>', 'not an http(s) URL'],
    ['<a href=\'//evil.example\'>x</a>', 'not an http(s) URL'],
    ['<svg onload=alert(1)>', '<svg> element'],
  ])('finds %s', (markup, problem) => {
    expect(executableProblems(markup).join('\n')).toContain(problem);
  });

  it('accepts http(s) links and site paths', () => {
    expect(executableProblems('<a href="https://x.example/">a</a><a href="/stories/1">b</a><img src="http://x/y.png" alt="">')).toEqual([]);
  });
});
