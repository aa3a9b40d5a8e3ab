import { describe, expect, it } from 'vitest';
import type { ParsedEntry, ParsedFeed } from '../../src/model/index.js';
import { itemIdentity, normaliseFeed, normaliseItem } from '../../src/normalise/index.js';
import { parseFeed } from '../../src/parse/index.js';

function entry(changes: Partial<ParsedEntry>): ParsedEntry {
  return { links: [], content: [], authors: [], contributors: [], categories: [], enclosures: [], ...changes };
}

const BASE = 'https://example.org/news/feed.xml';

describe('normaliseItem', () => {
  const cases: { name: string; entry: Partial<ParsedEntry>; expected: Record<string, unknown> }[] = [
    { name: 'guid is the id', entry: { id: ' g-1 ', link: '/a' }, expected: { id: 'g-1', idSource: 'guid', url: 'https://example.org/a' } },
    { name: 'no guid: the permalink', entry: { link: 'a?x=1' }, expected: { id: 'https://example.org/news/a?x=1', idSource: 'link' } },
    { name: 'alternate link when no main link', entry: { links: [{ rel: 'alternate', href: '/b' }] }, expected: { url: 'https://example.org/b' } },
    { name: 'entry xml:base wins over the feed base', entry: { link: 'c', base: 'https://cdn.example.net/x/' }, expected: { url: 'https://cdn.example.net/x/c' } },
    { name: 'javascript: link dropped', entry: { link: 'javascript:alert(1)' }, expected: { url: null } },
    { name: 'html title to plain text', entry: { title: { value: 'A &amp; <b>B</b>', type: 'html' } }, expected: { title: 'A & B' } },
    { name: 'text title kept, whitespace collapsed', entry: { title: { value: '  1 < 2\n and\t3 ', type: 'text' } }, expected: { title: '1 < 2 and 3' } },
    { name: 'NUL and other controls removed', entry: { id: 'g\u0000h\u000ci', title: { value: 'x\u0000y\u0001z', type: 'text' } }, expected: { id: 'ghi', title: 'xyz' } },
    {
      name: 'summary sanitised, relative URLs resolved against its base',
      entry: { summary: { value: '<p onclick="x()">Hi <a href="/p">p</a><script>bad()</script></p>', type: 'html', base: BASE } },
      expected: { summary: '<p>Hi <a href="https://example.org/p">p</a></p>' },
    },
    { name: 'plain-text summary escaped', entry: { summary: { value: 'a < b\nc', type: 'text' } }, expected: { summary: 'a &lt; b<br />c' } },
    {
      name: 'markup content preferred over text content',
      entry: { content: [{ value: 'plain', type: 'text' }, { value: '<em>rich</em>', type: 'html' }] },
      expected: { content: '<em>rich</em>' },
    },
    { name: 'published from pubDate', entry: { published: 'Tue, 10 Jun 2003 04:00:00 +0200' }, expected: { published: '2003-06-10T02:00:00.000Z', updated: null } },
    { name: 'published falls back to updated', entry: { updated: '2024-01-02T03:04:05Z' }, expected: { published: '2024-01-02T03:04:05.000Z', updated: '2024-01-02T03:04:05.000Z' } },
    { name: 'junk dates are null', entry: { published: 'yesterday-ish', updated: '' }, expected: { published: null, updated: null } },
    {
      name: 'authors cleaned and deduplicated',
      entry: { authors: [{ name: ' Ada  L. ' }, { name: 'Ada L.' }, { email: 'x@y.z', url: '/me' }, {}] },
      expected: { authors: [{ name: 'Ada L.' }, { email: 'x@y.z', url: 'https://example.org/me' }] },
    },
    {
      name: 'categories by label, deduplicated case-insensitively',
      entry: { categories: [{ term: 'cloud' }, { term: 'Cloud' }, { term: 'k8s', label: 'Kubernetes' }, { term: '  ' }] },
      expected: { categories: ['cloud', 'Kubernetes'] },
    },
    {
      name: 'enclosures absolute, deduplicated, length defaulted',
      entry: { enclosures: [{ url: '/a.mp3', type: 'audio/mpeg', length: 12 }, { url: 'https://example.org/a.mp3' }, { url: '/b.mp4', length: -1 }] },
      expected: { enclosures: [{ url: 'https://example.org/a.mp3', type: 'audio/mpeg', length: 12 }, { url: 'https://example.org/b.mp4', type: '', length: 0 }] },
    },
  ];
  it.each(cases)('$name', ({ entry: e, expected }) => {
    expect(normaliseItem(entry(e), BASE)).toMatchObject(expected);
  });

  it('builds the plain text from title and body without repeating a title-only body', () => {
    expect(normaliseItem(entry({ title: { value: 'T', type: 'text' }, summary: { value: '<p>Body</p>', type: 'html' } })).text).toBe('T Body');
    expect(normaliseItem(entry({ title: { value: 'T', type: 'text' }, content: [{ value: 'T', type: 'text' }] })).text).toBe('T');
  });
});

describe('itemIdentity', () => {
  it('hashes title and date when there is neither guid nor link, stably', () => {
    const a = itemIdentity({ title: 'Same', date: 'Mon, 01 Jan 2024', body: 'x' });
    expect(a.idSource).toBe('hash');
    expect(a.id).toMatch(/^feedloom:sha256:[0-9a-f]{32}$/);
    expect(itemIdentity({ title: 'Same', date: 'Mon, 01 Jan 2024', body: 'different body' }).id).toBe(a.id);
    expect(itemIdentity({ title: 'Other', date: 'Mon, 01 Jan 2024', body: 'x' }).id).not.toBe(a.id);
    // With neither title nor date, the body decides.
    expect(itemIdentity({ title: '', body: 'one' }).id).not.toBe(itemIdentity({ title: '', body: 'two' }).id);
  });
});

describe('normaliseFeed', () => {
  it('normalises the feed metadata', () => {
    const parsed: ParsedFeed = {
      format: 'atom1.0', encoding: 'utf-8', warnings: ['w'], links: [{ rel: 'alternate', href: '/home' }], authors: [{ name: 'Ed' }],
      contributors: [], categories: [], polling: { skipHours: [], skipDays: [] }, hubs: [], base: BASE, entries: [entry({ id: 'x' })],
      title: { value: 'News &amp; <i>views</i>', type: 'html' }, subtitle: { value: 'About', type: 'text' }, language: ' en-GB ',
      updated: '2024-05-06T07:08:09+02:00', logo: 'logo.png',
    };
    expect(normaliseFeed(parsed)).toEqual({
      format: 'atom1.0', encoding: 'utf-8', warnings: ['w'],
      feed: {
        title: 'News & views', link: 'https://example.org/home', description: 'About', language: 'en-GB',
        updated: '2024-05-06T05:08:09.000Z', image: 'https://example.org/news/logo.png', authors: [{ name: 'Ed' }],
      },
      items: [expect.objectContaining({ id: 'x' })],
    });
  });
});

describe('an RSS guid that is a permalink', () => {
  const item = (guid: string) => normaliseFeed(parseFeed({ body: Buffer.from(`<rss version="2.0"><channel><title>t</title><item><title>a</title>${guid}</item></channel></rss>`) })).items[0];

  it('is the item\'s link when it has none (isPermaLink absent or true), never when isPermaLink="false" or it is no URL', () => {
    expect(item('<guid>https://example.org/a</guid>')?.url).toBe('https://example.org/a');
    expect(item('<guid isPermaLink="true">https://example.org/b</guid>')?.url).toBe('https://example.org/b');
    expect(item('<guid isPermaLink="false">https://example.org/c</guid>')?.url).toBeNull();
    expect(item('<guid>12345</guid>')?.url).toBeNull();
  });
});
