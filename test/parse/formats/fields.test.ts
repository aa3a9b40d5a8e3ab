import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/parse/index.js';

const rss = (channel: string, url?: string) =>
  parseFeed({ body: Buffer.from(`<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>${channel}</channel></rss>`), url });

describe('RSS and Atom fields', () => {
  it('resolves relative links against xml:base, then the document URL', () => {
    const parsed = rss('<link>/home</link><item xml:base="http://other.example/dir/"><link>post</link></item>', 'http://feeds.example/rss');
    expect(parsed.link).toBe('http://feeds.example/home');
    expect(parsed.entries[0]?.link).toBe('http://other.example/dir/post');
  });

  it('leaves absolute URLs exactly as written', () => {
    expect(rss('<link>HTTP://Example.COM</link>', 'http://x.example/').link).toBe('HTTP://Example.COM');
  });

  it('ignores a document URL with a script scheme', () => {
    expect(rss('<link>/home</link>', 'javascript:alert(1)').link).toBe('/home');
  });

  it('reads guid isPermaLink in any letter case, defaulting to true', () => {
    const parsed = rss('<item><guid ispermalink="FALSE">a</guid></item><item><guid>http://x/1</guid></item>');
    expect(parsed.entries.map((e) => e.idIsPermalink)).toEqual([false, true]);
  });

  it('reads atom:link in RSS as links, self URL and hubs', () => {
    const parsed = rss('<atom:link rel="self" href="http://x/feed"/><atom:link rel="hub" href="http://hub/"/>');
    expect(parsed.selfUrl).toBe('http://x/feed');
    expect(parsed.hubs).toEqual(['http://hub/']);
  });

  it('uses the webmaster as author only when nobody else is named', () => {
    expect(rss('<webMaster>w@example.com (W)</webMaster>').authors).toEqual([{ email: 'w@example.com', name: 'W' }]);
    expect(rss('<webMaster>w@example.com</webMaster><managingEditor>Ed</managingEditor>').authors).toEqual([{ name: 'Ed' }]);
  });

  it('matches element names case-insensitively, as feedparser does', () => {
    const parsed = rss('<item><PubDate>Mon, 01 Jan 2024 00:00:00 GMT</PubDate><Title>T</Title></item>');
    expect(parsed.entries[0]).toMatchObject({ published: 'Mon, 01 Jan 2024 00:00:00 GMT', title: { value: 'T' } });
  });

  it('reads an Atom link without href from its text, and an empty href as the base', () => {
    const parsed = parseFeed({
      body: Buffer.from(
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://b.example/"><link rel="self" href=""/><entry><link>http://e.example/</link></entry></feed>',
      ),
    });
    expect(parsed.selfUrl).toBe('http://b.example/');
    expect(parsed.entries[0]?.link).toBe('http://e.example/');
  });

  it('reads an Atom <source> as the feed it came from', () => {
    const parsed = parseFeed({
      body: Buffer.from(
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><source><title>S</title><author><name>A</name></author><link href="http://s/"/></source></entry></feed>',
      ),
    });
    const source = parsed.entries[0]?.source;
    expect(source).toMatchObject({ title: 'S', url: 'http://s/' });
    expect(source?.feed?.authors).toEqual([{ name: 'A' }]);
  });
});
