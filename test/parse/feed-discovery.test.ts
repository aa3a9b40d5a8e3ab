import { describe, expect, it } from 'vitest';
import { NotAFeedError } from '../../src/model/index.js';
import { discoverFeeds, parseFeed } from '../../src/parse/index.js';

describe('discoverFeeds', () => {
  it('finds alternate feed links, resolved, once each, in page order', () => {
    const html = `<!doctype html><html><head>
      <link rel="stylesheet" href="/style.css">
      <link rel="alternate" type="application/rss+xml" title="Posts" href="/feed.xml">
      <LINK REL="Alternate" TYPE="application/atom+xml; charset=utf-8" HREF="atom.xml" title="Atom &amp; more">
      <link rel="alternate" type="application/feed+json" href="https://cdn.example/feed.json">
      <link rel="alternate" type="text/html" hreflang="de" href="/de/">
      <link rel="alternate" type="application/rss+xml" href="/feed.xml">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
      <link rel="home alternate" type="application/rss+xml" href="/comments.xml">
    </head><body><a rel="alternate" type="application/rss+xml" href="/not-a-link.xml">x</a></body></html>`;
    expect(discoverFeeds(html, 'https://site.example/blog/post')).toEqual([
      { url: 'https://site.example/feed.xml', type: 'application/rss+xml', title: 'Posts' },
      { url: 'https://site.example/blog/atom.xml', type: 'application/atom+xml', title: 'Atom & more' },
      { url: 'https://cdn.example/feed.json', type: 'application/feed+json' },
      { url: 'https://site.example/comments.xml', type: 'application/rss+xml' },
    ]);
  });

  it('honours <base href>', () => {
    const html = '<head><base href="https://other.example/sub/"><link rel="alternate" type="application/rss+xml" href="rss"></head>';
    expect(discoverFeeds(html, 'https://site.example/').map((f) => f.url)).toEqual(['https://other.example/sub/rss']);
  });

  it('finds nothing on a page without feed links', () => {
    expect(discoverFeeds('<html><head><title>x</title></head><body>hi</body></html>', 'https://site.example/')).toEqual([]);
  });
});

describe('parseFeed on a web page', () => {
  const page = '<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body></body></html>';

  it('fails as NOT_A_FEED naming the feed the page links to, resolved against the page URL', () => {
    const error = (() => { try { parseFeed({ body: Buffer.from(page), url: 'https://site.example/blog/' }); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(NotAFeedError);
    expect((error as NotAFeedError).message).toBe('an HTML page, not a feed; it links to the feed: https://site.example/feed.xml (application/rss+xml)');
    expect((error as NotAFeedError).linkedFeeds).toEqual([{ url: 'https://site.example/feed.xml', type: 'application/rss+xml' }]);
  });

  it('says when a page links to no feed, and keeps only absolute links when its URL is unknown (a local file)', () => {
    expect(() => parseFeed({ body: Buffer.from('<html><body>hi</body></html>') })).toThrow('an HTML page, not a feed (it links to no feed)');
    expect(() => parseFeed({ body: Buffer.from(page) })).toThrow('(it links to no feed)');
  });

  it('names the feeds of an XHTML page too', () => {
    const xhtml = '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><link rel="alternate" type="application/atom+xml" href="https://x.example/a.atom"/></head></html>';
    expect(() => parseFeed({ body: Buffer.from(xhtml) })).toThrow('it links to the feed: https://x.example/a.atom (application/atom+xml)');
  });
});
