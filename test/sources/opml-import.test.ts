import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deriveSourceId, readOpml } from '../../src/sources/index.js';

const opml = (body: string, head = '<head><title>x</title></head>') =>
  Buffer.from(`<?xml version="1.0" encoding="utf-8"?><opml version="2.0">${head}<body>${body}</body></opml>`);

describe('readOpml', () => {
  it('reads every subscription at any depth, folders and categories as tags', () => {
    const list = readOpml(opml(`
      <outline type="rss" text="LWN.net" xmlUrl="https://lwn.net/headlines/rss" htmlUrl="https://lwn.net/" category="linux,/News/Daily"/>
      <outline text="Cloud Vendors">
        <outline text="AWS" title="AWS News Blog" type="rss" xmlUrl="https://aws.amazon.com/blogs/aws/feed/"/>
        <outline text="Deeper"><outline text="Azure" xmlurl="https://azure.microsoft.com/en-us/blog/feed/"/></outline>
      </outline>`));
    expect(list.invalid).toEqual([]);
    expect(list.feeds).toEqual([
      { xmlUrl: 'https://lwn.net/headlines/rss', title: 'LWN.net', htmlUrl: 'https://lwn.net/', tags: ['linux', 'news', 'daily'] },
      { xmlUrl: 'https://aws.amazon.com/blogs/aws/feed/', title: 'AWS News Blog', tags: ['cloud-vendors'] },
      { xmlUrl: 'https://azure.microsoft.com/en-us/blog/feed/', title: 'Azure', tags: ['cloud-vendors', 'deeper'] },
    ]);
  });

  it('reports outlines that cannot become sources', () => {
    const list = readOpml(opml(`
      <outline type="rss" text="No URL"/>
      <outline type="rss" text="FTP" xmlUrl="ftp://example.org/feed"/>
      <outline type="rss" text="Junk" xmlUrl="not a url"/>
      <outline type="rss" text="Fine" xmlUrl="http://example.org/feed" htmlUrl="javascript:alert(1)" id="fine-one"/>`));
    expect(list.feeds).toEqual([{ xmlUrl: 'http://example.org/feed', title: 'Fine', tags: [], id: 'fine-one' }]);
    expect(list.invalid.map((p) => p.outline)).toEqual(['No URL', 'FTP', 'Junk']);
    expect(list.invalid[1]?.reason).toMatch(/not an http\(s\) URL/);
  });

  it('reads the project\'s own OPML fixture', () => {
    const list = readOpml(readFileSync(path.resolve(process.cwd(), 'test/publish/fixtures/sources.opml')));
    expect(list.feeds.map((f) => f.xmlUrl)).toEqual([
      'https://lwn.net/headlines/rss', 'https://www.theregister.com/data_centre/headlines.atom?a=1&b=2', 'http://feeds.example.com/x.xml',
    ]);
    expect(list.feeds[1]?.title).toBe('The Register — "Data Centre"');
    expect(list.feeds[1]?.tags).toEqual(['cloud', 'data-centre', 'hosting-news']);
  });

  it('refuses a document that is not OPML', () => {
    expect(() => readOpml(Buffer.from('<rss version="2.0"><channel/></rss>'))).toThrow(/not an OPML document/);
  });
});

describe('deriveSourceId', () => {
  const cases: { name: string; input: { preferred?: string; title?: string; url: string }; taken?: string[]; expected: string }[] = [
    { name: 'a valid preferred id', input: { preferred: 'lwn', title: 'LWN.net', url: 'https://lwn.net/x' }, expected: 'lwn' },
    { name: 'an invalid preferred id falls back to the title', input: { preferred: 'Not Valid', title: 'LWN.net', url: 'https://lwn.net/x' }, expected: 'lwn-net' },
    { name: 'accents and punctuation', input: { title: 'Heise — Café & Cloud!', url: 'https://x.example/' }, expected: 'heise-cafe-cloud' },
    { name: 'no title: host and path without feed words', input: { url: 'https://www.example.com/blog/feed/rss.xml' }, expected: 'example-com-blog' },
    { name: 'taken: numbered', input: { title: 'AWS', url: 'https://a.example/' }, taken: ['aws', 'aws-2'], expected: 'aws-3' },
    { name: 'nothing usable', input: { title: '???', url: 'https://例え.テスト/' }, expected: 'xn-r8jz45g-xn-zckzah' },
  ];
  it.each(cases)('$name', ({ input, taken, expected }) => expect(deriveSourceId(input, new Set(taken ?? []))).toBe(expected));
});
