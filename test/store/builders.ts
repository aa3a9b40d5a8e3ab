import { contentHash, guidKey } from '../../src/store/index.js';
import type { ConfiguredSource, FetchOutcome, HashedFields, ItemRecord } from '../../src/store/index.js';

/** A configured source for tests. */
export function configuredSource(id: string, changes: Partial<ConfiguredSource> = {}): ConfiguredSource {
  return { id, url: `https://${id}.example.org/feed.xml`, title: `Source ${id}`, tags: ['linux'], enabled: true, priority: 0, ...changes };
}

/** An item record whose hash matches its fields (unless the test overrides `contentHash`). */
export function itemRecord(guid: string, changes: Partial<HashedFields> & Partial<Pick<ItemRecord, 'text' | 'fingerprint'>> = {}): ItemRecord {
  const fields: HashedFields = {
    url: `https://example.org/posts/${guid}`,
    canonicalUrl: `https://example.org/posts/${guid}`,
    title: `Title of ${guid}`,
    summaryHtml: `<p>Summary of ${guid}</p>`,
    contentHtml: `<p>Content of ${guid}</p>`,
    authors: [{ name: 'Ada', email: 'ada@example.org' }],
    categories: ['cloud', 'linux'],
    enclosures: [{ url: `https://example.org/${guid}.mp3`, type: 'audio/mpeg', length: 1234 }],
    publishedAt: '2024-05-01T10:00:00.000Z',
    updatedAt: null,
    ...changes,
  };
  return {
    ...fields,
    guid,
    guidKey: guidKey(guid),
    text: changes.text ?? `${fields.title} text`,
    contentHash: contentHash(fields),
    fingerprint: changes.fingerprint ?? null,
  };
}

/** A successful 200 fetch outcome of `sourceId`, with `changes` applied. */
export function fetchOutcome(sourceId: string, changes: Partial<FetchOutcome> = {}): FetchOutcome {
  return {
    sourceId,
    startedAt: '2024-06-01T12:00:00.000Z',
    durationMs: 120,
    status: 200,
    bytes: 4096,
    notModified: false,
    etag: '"v1"',
    lastModified: 'Sat, 01 Jun 2024 11:00:00 GMT',
    permanentRedirect: null,
    nextFetchAt: '2024-06-01T12:30:00.000Z',
    items: [],
    ...changes,
  };
}
