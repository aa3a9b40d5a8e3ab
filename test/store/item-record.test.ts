import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { NormalisedItem } from '../../src/model/index.js';
import { contentHash, guidKey, toItemRecord } from '../../src/store/index.js';
import type { HashedFields } from '../../src/store/index.js';

const item: NormalisedItem = {
  id: 'tag:example.org,2024:post-1', idSource: 'guid', url: 'https://example.org/post-1?utm_source=rss',
  title: 'Kernel 6.9 released', summary: '<p>Summary</p>', content: '<p>Body</p>', text: 'Kernel 6.9 released Body',
  authors: [{ name: 'Ada' }], categories: ['linux'], published: '2024-05-12T10:00:00Z', updated: null,
  enclosures: [{ url: 'https://example.org/a.mp3', type: 'audio/mpeg', length: 0 }],
};

describe('guidKey', () => {
  it('is the sha256 hex of the guid, fixed length for any guid', () => {
    expect(guidKey('abc')).toBe(createHash('sha256').update('abc').digest('hex'));
    expect(guidKey('x'.repeat(10_000))).toMatch(/^[0-9a-f]{64}$/);
    expect(guidKey('a')).not.toBe(guidKey('A'));
  });
});

describe('toItemRecord', () => {
  it('maps a normalised item and keys it', () => {
    const record = toItemRecord(item, { canonicalUrl: 'https://example.org/post-1', fingerprint: 'f00d' });
    expect(record).toEqual({
      guid: item.id, guidKey: guidKey(item.id), url: item.url, canonicalUrl: 'https://example.org/post-1',
      title: item.title, summaryHtml: '<p>Summary</p>', contentHtml: '<p>Body</p>', text: item.text,
      authors: item.authors, categories: item.categories, enclosures: item.enclosures,
      publishedAt: item.published, updatedAt: null, contentHash: record.contentHash, fingerprint: 'f00d',
      vendors: [],
    });
    expect(toItemRecord(item).canonicalUrl).toBe(item.url);
  });
});

describe('contentHash', () => {
  const base = toItemRecord(item);
  const fields: HashedFields = base;
  it('is stable for the same content', () => {
    expect(contentHash({ ...fields })).toBe(base.contentHash);
    expect(toItemRecord({ ...item, text: 'other derived text' }).contentHash).toBe(base.contentHash);
  });
  const edits: [string, Partial<HashedFields>][] = [
    ['title', { title: 'Kernel 6.9.1 released' }],
    ['url', { url: 'https://example.org/post-1b' }],
    ['summary', { summaryHtml: '<p>Summary!</p>' }],
    ['content', { contentHtml: '<p>Body, edited</p>' }],
    ['authors', { authors: [{ name: 'Grace' }] }],
    ['categories', { categories: ['linux', 'kernel'] }],
    ['enclosures', { enclosures: [] }],
    ['published', { publishedAt: '2024-05-12T11:00:00Z' }],
    ['updated', { updatedAt: '2024-05-13T00:00:00Z' }],
  ];
  for (const [name, edit] of edits) {
    it(`changes when the ${name} changes`, () => expect(contentHash({ ...fields, ...edit })).not.toBe(base.contentHash));
  }
});

describe('contentHash of dates', () => {
  it('depends on the instant, not on how the feed spelled it', () => {
    const fields: HashedFields = toItemRecord(item);
    expect(contentHash({ ...fields, publishedAt: '2024-05-12T12:00:00+02:00' }))
      .toBe(contentHash({ ...fields, publishedAt: new Date('2024-05-12T10:00:00.000Z') }));
  });
});
