import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { describe, expect, it, vi } from 'vitest';
import type { CuratedFeed } from '../../src/model/index.js';
import { parseFeed } from '../../src/parse/index.js';
import { renderAtom, renderJsonFeed, renderRss } from '../../src/publish/index.js';
import { expectFixture } from './support/expect-fixture.js';
import { validateJsonSchema } from './support/json-schema.js';
import { emptyFeed, sampleFeed } from './support/sample-feed.js';
import { defined } from './support/defined.js';

// What every curated-feed rendering must do, checked on all three formats: snapshot, well-formed,
// read back by our parser and by rss-parser, valid JSON Feed 1.1, same ids in the same order.

const JSONFEED = path.resolve(process.cwd(), '../shared/corpora/jsonfeed');
const schema11 = JSON.parse(readFileSync(path.join(JSONFEED, 'jsonfeed-schema/schema-v1.1.json'), 'utf8')) as Record<string, unknown>;

const XML_FORMATS = [
  { name: 'rss', render: renderRss, file: 'sample.rss.xml', contentType: 'application/rss+xml', format: 'rss2.0' },
  { name: 'atom', render: renderAtom, file: 'sample.atom.xml', contentType: 'application/atom+xml', format: 'atom1.0' },
] as const;

function readBack(xmlOrJson: string, contentType: string, url: string) {
  return parseFeed({ body: Buffer.from(xmlOrJson, 'utf8'), contentType, url });
}

describe('snapshots', () => {
  it.each([
    ['sample.rss.xml', () => renderRss(sampleFeed())],
    ['sample.atom.xml', () => renderAtom(sampleFeed())],
    ['sample.json', () => renderJsonFeed(sampleFeed())],
    ['empty.rss.xml', () => renderRss(emptyFeed())],
    ['empty.atom.xml', () => renderAtom(emptyFeed())],
    ['empty.json', () => renderJsonFeed(emptyFeed())],
  ])('%s', (file, render) => {
    expectFixture(file, render());
  });
});

describe.each(XML_FORMATS)('$name', ({ render, contentType, format }) => {
  it('is well-formed XML (fast-xml-parser XMLValidator)', () => {
    for (const feed of [sampleFeed(), emptyFeed()]) expect(XMLValidator.validate(render(feed))).toBe(true);
  });

  it('is read back by our parser with every entry, id, title, link and the hubs', () => {
    const feed = sampleFeed();
    const parsed = readBack(render(feed), contentType, feed.feedUrls.rss);
    expect(parsed.format).toBe(format);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.title?.value).toBe(feed.title);
    expect(parsed.language).toBe('en');
    expect(parsed.hubs).toEqual(['https://hub.example.com/', 'https://websub.example.net/hub?x=1&y=2']);
    expect(parsed.entries.map((e) => e.id)).toEqual(feed.entries.map((e) => e.id));
    // The awkward title (quotes, &, a `<` that is not a tag, invalid XML characters stripped) survives as plain text.
    const titles = parsed.entries.map((e) => (e.title?.type === 'html' ? decodeHtmlText(e.title.value) : e.title?.value));
    expect(titles).toEqual([
      'VMware joins the Linux Foundation',
      'Episode 42: "Containers" & VMs, 1 < 2 — AT&T moves to KVM',
      'Kernel 6.9 ]]> released',
    ]);
    expect(parsed.entries.map((e) => e.link)).toEqual([
      'https://lwn.net/Articles/970001/',
      'https://podcast.example.net/episodes/42?utm=a&b=c',
      'https://headlines.example.org/stories/bare-1',
    ]);
  });

  it('names the outlet as the entry source and in the body, with "Also covered by" links', () => {
    const parsed = readBack(render(sampleFeed()), contentType, 'https://headlines.example.org/');
    expect(parsed.entries.map((e) => e.source?.title)).toEqual(
      format === 'rss2.0' ? ['LWN.net', 'Cloud Cast', undefined] : ['LWN.net', 'Cloud Cast', 'kernel.org'],
    );
    const story = parsed.entries[0];
    const body = story?.content[0]?.value ?? '';
    expect(body).toContain('<p>via <a href="https://lwn.net/" rel="noopener noreferrer">LWN.net</a></p>');
    expect(body).toMatch(
      /<p>Also covered by: <a href="https:\/\/www\.theregister\.com\/2024\/05\/02\/vmware_lf\/\?utm_source=rss&amp;td=a" rel="noopener noreferrer">The Register<\/a>, <a href="https:\/\/www\.phoronix\.com\/news\/VMware-LF" rel="noopener noreferrer">Phoronix<\/a><\/p>$/,
    );
    // One outlet only: "via", no "Also covered by".
    expect(parsed.entries[1]?.content[0]?.value).not.toContain('Also covered by');
  });

  it('carries categories (vendors first, no case repeats), dates and typed enclosures', () => {
    const parsed = readBack(render(sampleFeed()), contentType, 'https://headlines.example.org/');
    expect(parsed.entries[0]?.categories.map((c) => c.term)).toEqual(['VMware', 'Linux Foundation', 'Kernel', 'Open source']);
    expect(new Date(parsed.entries[0]?.published ?? '').toISOString()).toBe('2024-05-02T14:03:00.000Z');
    expect(parsed.entries[1]?.enclosures).toEqual([
      { url: 'https://cdn.podcast.example.net/ep42.mp3?token=a&sig=b', type: 'audio/mpeg', length: 31457280 },
    ]);
  });

  it('is read by an independent reader (rss-parser)', async () => {
    const feed = sampleFeed();
    const out = await new Parser().parseString(render(feed));
    expect(out.title).toBe(feed.title);
    expect(out.items.map((i) => i.guid ?? (i as { id?: string }).id)).toEqual(feed.entries.map((e) => e.id));
    expect(out.items.map((i) => i.link)).toEqual([
      'https://lwn.net/Articles/970001/',
      'https://podcast.example.net/episodes/42?utm=a&b=c',
      'https://headlines.example.org/stories/bare-1',
    ]);
    expect(out.items[0]?.isoDate).toBe('2024-05-02T14:03:00.000Z');
  });

  it('survives several CDATA terminators in titles and HTML', () => {
    const feed = sampleFeed();
    defined(feed.entries[0]).title = 'a ]]> b ]]> c';
    defined(feed.entries[0]).summaryHtml = '<p>x]]>y</p><p>]]></p><p>]]]]>></p>';
    defined(feed.entries[0]).contentHtml = '<pre>]]>]]>]]></pre>';
    const xml = render(feed);
    expect(XMLValidator.validate(xml)).toBe(true);
    const entry = readBack(xml, contentType, feed.feedUrls.rss).entries[0];
    expect(entry?.content[0]?.value).toMatch(/^<pre>]]&gt;]]&gt;]]&gt;<\/pre>/);
  });

  it('strips characters XML 1.0 forbids, wherever they appear', () => {
    const feed = sampleFeed();
    feed.title = 'Bad\u0000\u0008\u000b\ufffe\uffff\ud800 title';
    defined(feed.entries[0]).summaryHtml = '<p>nul\u0000 here</p>';
    defined(feed.entries[0]).source.title = 'LWN\u001f.net';
    const xml = render(feed);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    expect(readBack(xml, contentType, feed.feedUrls.rss).title?.value).toBe('Bad title');
  });
});

describe('JSON Feed 1.1', () => {
  it('validates against the JSON Feed 1.1 schema', () => {
    for (const feed of [sampleFeed(), emptyFeed()]) {
      expect(validateJsonSchema(JSON.parse(renderJsonFeed(feed)), schema11)).toEqual([]);
    }
  });

  it('writes version 1.1, authors arrays, language, hubs and the _feedloom extension', () => {
    const doc = JSON.parse(renderJsonFeed(sampleFeed())) as Record<string, unknown> & { items: Record<string, unknown>[] };
    expect(doc.version).toBe('https://jsonfeed.org/version/1.1');
    expect(doc.language).toBe('en');
    expect(doc.authors).toEqual([{ name: 'Hosting & Cloud Headlines', url: 'https://headlines.example.org/' }]);
    expect(doc.hubs).toEqual([
      { type: 'WebSub', url: 'https://hub.example.com/' },
      { type: 'WebSub', url: 'https://websub.example.net/hub?x=1&y=2' },
    ]);
    expect(doc.items[0]?.authors).toEqual([{ name: 'Jonathan Corbet', url: 'https://lwn.net/' }]);
    expect(doc.items[0]?.author).toBeUndefined();
    expect(doc.items[0]?._feedloom).toEqual({
      story: 'vmw-lf-2024',
      vendors: ['vmware', 'linux-foundation'],
      mentions: ['vmware', 'broadcom', 'linux-foundation'],
      coverage: defined(sampleFeed().entries[0]).coverage.map(({ source, url, id, published, vendors, mentions }) => ({
        source,
        url,
        id,
        published,
        vendors,
        mentions,
      })),
    });
    expect(doc.items[1]?.attachments).toEqual([
      { url: 'https://cdn.podcast.example.net/ep42.mp3?token=a&sig=b', mime_type: 'audio/mpeg', size_in_bytes: 31457280 },
    ]);
  });

  it('is read back by our parser as json1.1', () => {
    const feed = sampleFeed();
    const parsed = readBack(renderJsonFeed(feed), 'application/feed+json', feed.feedUrls.json);
    expect(parsed.format).toBe('json1.1');
    expect(parsed.entries.map((e) => e.id)).toEqual(feed.entries.map((e) => e.id));
    expect(parsed.hubs).toHaveLength(2);
  });

  it('never writes <, > or & literally (so it cannot be sniffed as markup)', () => {
    const json = renderJsonFeed(sampleFeed());
    expect(json).not.toMatch(/[<>&]/);
    expect(JSON.parse(json)).toBeTruthy();
  });

  it('the schema checker itself rejects the invalid corpus feeds and accepts the valid ones', () => {
    const dir = path.join(JSONFEED, 'jsonfeed-schema-validator');
    const load = (file: string): unknown => JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    expect(validateJsonSchema(load('valid-basic.json'), schema11)).toEqual([]);
    for (const example of ['simple', 'microblog', 'podcast']) {
      const file = path.join(JSONFEED, 'jsonfeed-schema/examples/v1.1', `${example}.json`);
      expect(validateJsonSchema(JSON.parse(readFileSync(file, 'utf8')), schema11)).toEqual([]);
    }
    for (const invalid of [
      'invalid-home-page-url-format.json',
      'invalid-incorrect-version.json',
      'invalid-missing-item-content.json',
      'invalid-missing-item-id.json',
      'invalid-missing-items.json',
      'invalid-missing-title.json',
      'invalid-missing-version.json',
    ]) {
      expect(validateJsonSchema(load(invalid), schema11), invalid).not.toEqual([]);
    }
  });
});

describe('all three formats', () => {
  const feeds: [string, () => CuratedFeed][] = [
    ['sample', sampleFeed],
    ['empty', emptyFeed],
  ];

  it.each(feeds)('list the same entry ids in the same order (%s)', (_name, make) => {
    const feed = make();
    const rss = readBack(renderRss(feed), 'application/rss+xml', feed.feedUrls.rss).entries.map((e) => e.id);
    const atom = readBack(renderAtom(feed), 'application/atom+xml', feed.feedUrls.atom).entries.map((e) => e.id);
    const json = (JSON.parse(renderJsonFeed(feed)) as { items: { id: string }[] }).items.map((i) => i.id);
    expect(rss).toEqual(feed.entries.map((e) => e.id));
    expect(atom).toEqual(rss);
    expect(json).toEqual(rss);
  });

  it('are deterministic: the same model gives byte-identical output, whatever the clock says', () => {
    for (const feed of [sampleFeed(), emptyFeed()]) {
      for (const render of [renderRss, renderAtom, renderJsonFeed]) {
        vi.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
        const first = render(feed);
        vi.setSystemTime(new Date('2041-06-15T12:34:56Z'));
        const second = render(feed);
        vi.useRealTimers();
        expect(second).toBe(first);
        expect(first).not.toMatch(/2030|2041/);
      }
    }
  });

  it('take the feed date from the model', () => {
    const feed = sampleFeed();
    feed.updated = '2031-02-03T04:05:06Z';
    expect(renderRss(feed)).toContain('<lastBuildDate>Mon, 03 Feb 2031 04:05:06 GMT</lastBuildDate>');
    expect(renderAtom(feed)).toContain('<updated>2031-02-03T04:05:06.000Z</updated>');
  });

  it('do not modify the model they are given', () => {
    const feed = sampleFeed();
    const before = structuredClone(feed);
    renderRss(feed);
    renderAtom(feed);
    renderJsonFeed(feed);
    expect(feed).toEqual(before);
  });
});

// Atom titles are type="html": decode the one level of escaping we added.
function decodeHtmlText(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
