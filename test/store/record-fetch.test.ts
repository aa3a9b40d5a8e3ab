import { expect, it } from 'vitest';
import { FeedloomError } from '../../src/model/errors.js';
import { countItems, getSource, listItems, recordFetch, recordFetches, syncSources } from '../../src/store/index.js';
import { groupedRecorder } from '../../src/ingest/fetch-writer.js';
import type { Database, FetchOutcome, ItemRecord } from '../../src/store/index.js';
import type { Kysely } from 'kysely';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { configuredSource, fetchOutcome, itemRecord } from './builders.js';

const SOURCE = 'lwn';

async function fetchRows(db: Kysely<Database>) {
  return db.selectFrom('fetches').selectAll().orderBy('id').execute();
}

async function itemsByGuid(db: Kysely<Database>) {
  const items = await listItems(db, { limit: 1000, sourceId: SOURCE });
  return new Map(items.map((item) => [item.guid, item]));
}

/** An item the database must refuse: `title` is NOT NULL. */
function invalidItem(guid: string): ItemRecord {
  return { ...itemRecord(guid), title: null as unknown as string };
}

async function rejection(promise: Promise<unknown>): Promise<FeedloomError> {
  const error: unknown = await promise.then(() => undefined, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(FeedloomError);
  return error as FeedloomError;
}

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'recordFetch', (current) => {
    const setUp = async () => {
      const { db } = current();
      await syncSources(db, [configuredSource(SOURCE), configuredSource('other')]);
      return db;
    };

    it('inserts new items, writes a fetches row and the source state', async () => {
      const db = await setUp();
      const items = [itemRecord('a'), itemRecord('b'), itemRecord('c')];
      const result = await recordFetch(db, fetchOutcome(SOURCE, { items }));

      expect(result.itemsNew).toBe(3);
      expect(result.itemsUpdated).toBe(0);
      expect(result.newItemIds).toHaveLength(3);
      const stored = await itemsByGuid(db);
      expect([...stored.keys()].sort()).toEqual(['a', 'b', 'c']);
      const a = stored.get('a');
      expect(a).toMatchObject({
        sourceId: SOURCE, guidKey: items[0]?.guidKey, url: 'https://example.org/posts/a', title: 'Title of a',
        summaryHtml: '<p>Summary of a</p>', contentHtml: '<p>Content of a</p>', text: 'Title of a text',
        authors: [{ name: 'Ada', email: 'ada@example.org' }], categories: ['cloud', 'linux'],
        enclosures: [{ url: 'https://example.org/a.mp3', type: 'audio/mpeg', length: 1234 }],
        publishedAt: '2024-05-01T10:00:00.000Z', updatedAt: null, firstSeenAt: '2024-06-01T12:00:00.000Z',
        lastSeenAt: '2024-06-01T12:00:00.000Z', contentHash: items[0]?.contentHash,
        // Ordered by its stated date (earlier than first seen); founds a story of its own.
        sortAt: '2024-05-01T10:00:00.000Z',
      });
      expect(a?.storyId).toBe(a?.id);
      expect(result.newItemIds).toContain(a?.id);
      // Ids are numbers on both databases (PostgreSQL's bigint would otherwise arrive as a string).
      expect(result.newItemIds.every((id) => Number.isSafeInteger(id))).toBe(true);
      expect(typeof a?.id).toBe('number');
      expect(await fetchRows(db)).toMatchObject([{
        source_id: SOURCE, started_at: '2024-06-01T12:00:00.000Z', duration_ms: 120, http_status: 200, bytes: 4096,
        not_modified: 0, items_seen: 3, items_new: 3, items_updated: 0, error_code: null, error_message: null,
      }]);
      expect(await getSource(db, SOURCE)).toMatchObject({
        etag: '"v1"', lastModified: 'Sat, 01 Jun 2024 11:00:00 GMT', lastStatus: 200,
        lastFetchAt: '2024-06-01T12:00:00.000Z', lastSuccessAt: '2024-06-01T12:00:00.000Z',
        nextFetchAt: '2024-06-01T12:30:00.000Z', errorCount: 0, lastError: null, lastErrorCode: null,
      });
      expect(await countItems(db, { sourceId: 'other' })).toBe(0);
    });

    it('leaves unchanged items alone apart from last_seen_at', async () => {
      const db = await setUp();
      await recordFetch(db, fetchOutcome(SOURCE, { items: [itemRecord('a'), itemRecord('b')] }));
      const before = await itemsByGuid(db);
      const result = await recordFetch(db, fetchOutcome(SOURCE, {
        startedAt: '2024-06-01T13:00:00.000Z', items: [itemRecord('a'), itemRecord('b')],
      }));

      expect(result).toMatchObject({ itemsNew: 0, itemsUpdated: 0 });
      const after = await itemsByGuid(db);
      expect(after.get('a')).toEqual({ ...before.get('a'), lastSeenAt: '2024-06-01T13:00:00.000Z' });
      expect(await countItems(db)).toBe(2);
      expect((await fetchRows(db))[1]).toMatchObject({ items_seen: 2, items_new: 0, items_updated: 0 });
    });

    it('rewrites an item in place when its content hash changes', async () => {
      const db = await setUp();
      await recordFetch(db, fetchOutcome(SOURCE, { items: [itemRecord('a'), itemRecord('b')] }));
      const before = await itemsByGuid(db);
      const edited = itemRecord('a', { title: 'Corrected title', updatedAt: '2024-06-01T12:45:00Z' });
      const result = await recordFetch(db, fetchOutcome(SOURCE, {
        startedAt: '2024-06-01T13:00:00.000Z', items: [edited, itemRecord('b'), itemRecord('c')],
      }));

      expect(result).toMatchObject({ itemsNew: 1, itemsUpdated: 1, updatedItemIds: [before.get('a')?.id] });
      const after = await itemsByGuid(db);
      expect(after.get('a')).toMatchObject({
        id: before.get('a')?.id, title: 'Corrected title', updatedAt: '2024-06-01T12:45:00.000Z',
        contentHash: edited.contentHash, firstSeenAt: '2024-06-01T12:00:00.000Z', lastSeenAt: '2024-06-01T13:00:00.000Z',
      });
      expect(after.get('b')).toEqual({ ...before.get('b'), lastSeenAt: '2024-06-01T13:00:00.000Z' });
      expect(await countItems(db)).toBe(3);
      expect((await fetchRows(db))[1]).toMatchObject({ items_seen: 3, items_new: 1, items_updated: 1 });
    });

    it('enriches, through the outcome\'s enrich, only the records it inserts or rewrites that lack a fingerprint', async () => {
      const db = await setUp();
      const bare = (guid: string, changes: Partial<ItemRecord> = {}) => {
        const { fingerprint: _unused, ...record } = itemRecord(guid, changes);
        return record;
      };
      await recordFetch(db, fetchOutcome(SOURCE, { items: [bare('a'), bare('b')] }));
      const enriched: string[] = [];
      const enrich = (record: ItemRecord) => {
        enriched.push(record.guid);
        record.fingerprint = null;
        record.vendors = [{ vendorId: 'vmware', matched: 'VMware', field: 'title', role: 'about' }];
      };
      const result = await recordFetch(db, fetchOutcome(SOURCE, {
        startedAt: '2024-06-01T13:00:00.000Z', enrich,
        items: [bare('a'), bare('b', { title: 'Corrected title' }), bare('c')],
      }));
      expect(result).toMatchObject({ itemsNew: 1, itemsUpdated: 1 });
      expect(enriched.sort()).toEqual(['b', 'c']);
      const tagged = await db.selectFrom('item_vendors').innerJoin('items', 'items.id', 'item_vendors.item_id').select('items.guid').orderBy('items.guid').execute();
      expect(tagged.map((row) => row.guid)).toEqual(['b', 'c']);
    });

    it('stores an item listed twice in one fetch once, without error', async () => {
      const db = await setUp();
      const first = itemRecord('dup', { title: 'First listing' });
      const second = itemRecord('dup', { title: 'Second listing' });
      const result = await recordFetch(db, fetchOutcome(SOURCE, { items: [first, itemRecord('x'), second] }));

      expect(result).toMatchObject({ itemsNew: 2, itemsUpdated: 0 });
      expect(await countItems(db)).toBe(2);
      expect((await itemsByGuid(db)).get('dup')?.title).toBe('First listing');
      expect((await fetchRows(db))[0]).toMatchObject({ items_seen: 2, items_new: 2 });
    });

    it('keeps the same guid apart in two sources', async () => {
      const db = await setUp();
      await recordFetch(db, fetchOutcome(SOURCE, { items: [itemRecord('same')] }));
      const result = await recordFetch(db, fetchOutcome('other', { items: [itemRecord('same')] }));

      expect(result.itemsNew).toBe(1);
      expect(await countItems(db, { sourceId: SOURCE })).toBe(1);
      expect(await countItems(db, { sourceId: 'other' })).toBe(1);
    });

    it('records a 304: no items, validators kept unless the response sent new ones', async () => {
      const db = await setUp();
      await recordFetch(db, fetchOutcome(SOURCE, { items: [itemRecord('a')] }));
      const notModified = (changes: Partial<FetchOutcome>) => fetchOutcome(SOURCE, {
        status: 304, notModified: true, bytes: 0, etag: undefined, lastModified: undefined, ...changes,
      });

      const result = await recordFetch(db, notModified({ startedAt: '2024-06-01T13:00:00.000Z', nextFetchAt: '2024-06-01T14:00:00.000Z' }));
      expect(result).toMatchObject({ itemsNew: 0, itemsUpdated: 0 });
      expect(await getSource(db, SOURCE)).toMatchObject({
        etag: '"v1"', lastModified: 'Sat, 01 Jun 2024 11:00:00 GMT', lastStatus: 304,
        lastSuccessAt: '2024-06-01T13:00:00.000Z', nextFetchAt: '2024-06-01T14:00:00.000Z', errorCount: 0,
      });
      expect((await fetchRows(db))[1]).toMatchObject({ http_status: 304, not_modified: 1, items_seen: 0, items_new: 0 });

      await recordFetch(db, notModified({ startedAt: '2024-06-01T14:00:00.000Z', etag: '"v2"' }));
      expect(await getSource(db, SOURCE)).toMatchObject({ etag: '"v2"', lastModified: 'Sat, 01 Jun 2024 11:00:00 GMT' });
      expect(await countItems(db)).toBe(1);
    });

    it('replaces validators on a 200 that sends none', async () => {
      const db = await setUp();
      await recordFetch(db, fetchOutcome(SOURCE));
      await recordFetch(db, fetchOutcome(SOURCE, { etag: null, lastModified: undefined }));
      expect(await getSource(db, SOURCE)).toMatchObject({ etag: null, lastModified: null });
    });

    it('records failures: error streak grows, validators and last success kept, a success resets', async () => {
      const db = await setUp();
      await recordFetch(db, fetchOutcome(SOURCE, { items: [itemRecord('a')] }));
      const failure = (startedAt: string, status: number | null, code: 'HTTP_STATUS' | 'TIMEOUT', message: string) =>
        fetchOutcome(SOURCE, {
          startedAt, status, bytes: 0, etag: '"ignored"', lastModified: 'ignored',
          nextFetchAt: '2024-06-01T18:00:00.000Z', error: { code, message },
        });

      await recordFetch(db, failure('2024-06-01T13:00:00.000Z', 503, 'HTTP_STATUS', 'HTTP 503 Service Unavailable'));
      await recordFetch(db, failure('2024-06-01T14:00:00.000Z', null, 'TIMEOUT', 'no response within 20000 ms'));
      expect(await getSource(db, SOURCE)).toMatchObject({
        errorCount: 2, lastErrorCode: 'TIMEOUT', lastError: 'no response within 20000 ms', lastStatus: null,
        lastFetchAt: '2024-06-01T14:00:00.000Z', lastSuccessAt: '2024-06-01T12:00:00.000Z',
        nextFetchAt: '2024-06-01T18:00:00.000Z', etag: '"v1"', lastModified: 'Sat, 01 Jun 2024 11:00:00 GMT',
      });
      expect((await fetchRows(db)).slice(1)).toMatchObject([
        { http_status: 503, error_code: 'HTTP_STATUS', error_message: 'HTTP 503 Service Unavailable', items_new: 0 },
        { http_status: null, error_code: 'TIMEOUT', error_message: 'no response within 20000 ms', items_seen: 0 },
      ]);
      expect(await countItems(db)).toBe(1);

      await recordFetch(db, fetchOutcome(SOURCE, { startedAt: '2024-06-01T15:00:00.000Z' }));
      expect(await getSource(db, SOURCE)).toMatchObject({ errorCount: 0, lastErrorCode: null, lastError: null, lastStatus: 200 });
    });

    it('refuses a failed outcome that carries items', async () => {
      const db = await setUp();
      const error = await rejection(recordFetch(db, fetchOutcome(SOURCE, {
        error: { code: 'NOT_A_FEED', message: 'HTML page' }, items: [itemRecord('a')],
      })));
      expect(error.code).toBe('INTERNAL');
      expect(await fetchRows(db)).toEqual([]);
    });

    it('records a permanent redirect, and clears it when the source stops redirecting', async () => {
      const db = await setUp();
      await recordFetch(db, fetchOutcome(SOURCE, { permanentRedirect: 'https://lwn.net/new/rss' }));
      expect((await getSource(db, SOURCE))?.redirectUrl).toBe('https://lwn.net/new/rss');
      await recordFetch(db, fetchOutcome(SOURCE));
      expect((await getSource(db, SOURCE))?.redirectUrl).toBeNull();
    });

    const violations = [
      { name: 'the statement that inserts it', second: [itemRecord('new-1'), invalidItem('new-2'), itemRecord('new-3')] },
      {
        // Items are inserted 200 per statement: the first statement succeeds before the second fails.
        name: 'a later statement than the first inserts',
        second: Array.from({ length: 250 }, (_, n) => (n === 230 ? invalidItem(`new-${n}`) : itemRecord(`new-${n}`))),
      },
    ];
    for (const { name, second } of violations) {
      it(`stores nothing of a fetch when an item breaks a constraint in ${name}`, async () => {
        const db = await setUp();
        await recordFetch(db, fetchOutcome(SOURCE, { items: [itemRecord('a'), itemRecord('b')] }));
        const sourceBefore = await getSource(db, SOURCE);
        const itemsBefore = await itemsByGuid(db);
        const fetchesBefore = await fetchRows(db);

        const error = await rejection(recordFetch(db, fetchOutcome(SOURCE, {
          startedAt: '2024-06-01T13:00:00.000Z', etag: '"v2"', items: second,
        })));
        expect(error.code).toBe('DATABASE');
        expect(error.message).toMatch(/^recording fetch of source lwn: .*title/i);
        expect(error.message).not.toContain('\n');
        expect(await itemsByGuid(db)).toEqual(itemsBefore);
        expect(await fetchRows(db)).toEqual(fetchesBefore);
        expect(await getSource(db, SOURCE)).toEqual(sourceBefore);
      });
    }

    it('refuses an unknown source', async () => {
      const db = await setUp();
      const error = await rejection(recordFetch(db, fetchOutcome('nope', { items: [itemRecord('a')] })));
      expect(error).toMatchObject({ code: 'DATABASE', message: 'unknown source nope' });
      expect(await countItems(db)).toBe(0);
    });

    it('writes only while the lease token still matches, and releases the lease', async () => {
      const db = await setUp();
      const lease = { lease_owner: 'worker-b', lease_token: 'token-b', lease_until: '2024-06-01T12:05:00.000Z' };
      await db.updateTable('sources').set(lease).where('id', '=', SOURCE).execute();

      const lost = await rejection(recordFetch(db, fetchOutcome(SOURCE, { leaseToken: 'token-a', items: [itemRecord('a')] })));
      expect(lost.code).toBe('LEASE_LOST');
      expect(await countItems(db)).toBe(0);
      expect(await fetchRows(db)).toEqual([]);
      expect(await getSource(db, SOURCE)).toMatchObject({ leaseOwner: 'worker-b', etag: null });

      const result = await recordFetch(db, fetchOutcome(SOURCE, { leaseToken: 'token-b', items: [itemRecord('a')] }));
      expect(result.itemsNew).toBe(1);
      expect(await getSource(db, SOURCE)).toMatchObject({ leaseOwner: null, leaseUntil: null, etag: '"v1"' });
    });
  
    it('writes several fetches in one transaction, each in a savepoint: one that fails is rolled back alone and returned as its error', async () => {
      const db = await setUp();
      await syncSources(db, [configuredSource(SOURCE), configuredSource('other'), configuredSource('third')]);
      const lease = { lease_owner: 'worker-b', lease_token: 'token-b', lease_until: '2024-06-01T12:05:00.000Z' };
      await db.updateTable('sources').set(lease).where('id', '=', 'third').execute();
      const results = await recordFetches(db, [
        fetchOutcome(SOURCE, { items: [itemRecord('a'), itemRecord('b')] }),
        // The database refuses its second item: nothing of this fetch is kept, not even its first item.
        fetchOutcome('other', { items: [itemRecord('c'), invalidItem('d')] }),
        fetchOutcome('third', { leaseToken: 'token-a', items: [itemRecord('e')] }),
        fetchOutcome('nope', { items: [itemRecord('f')] }),
        fetchOutcome(SOURCE, { startedAt: '2024-06-01T13:00:00.000Z', etag: '"v2"', items: [itemRecord('a'), itemRecord('g')] }),
      ]);
      expect(results.map((r) => (r instanceof FeedloomError ? r.code : r.itemsNew))).toEqual([2, 'DATABASE', 'LEASE_LOST', 'DATABASE', 1]);
      expect((results[1] as FeedloomError).message).toMatch(/^recording fetch of source other: .*title/i);
      expect([...(await itemsByGuid(db)).keys()].sort()).toEqual(['a', 'b', 'g']);
      expect(await countItems(db)).toBe(3);
      expect((await fetchRows(db)).map((r) => [r.source_id, r.items_new])).toEqual([[SOURCE, 2], [SOURCE, 1]]);
      expect(await getSource(db, SOURCE)).toMatchObject({ etag: '"v2"', errorCount: 0 });
      expect(await getSource(db, 'other')).toMatchObject({ etag: null, lastFetchAt: null });
      expect(await getSource(db, 'third')).toMatchObject({ leaseOwner: 'worker-b', etag: null });
    });

    it('group commit: fetches recorded together are stored as each would be alone, and each caller hears its own outcome', async () => {
      const db = await setUp();
      const record = groupedRecorder(db, { maxGroup: 2 });
      const settled = await Promise.allSettled([
        record(fetchOutcome(SOURCE, { items: [itemRecord('a')] })),
        record(fetchOutcome('other', { items: [invalidItem('b')] })),
        record(fetchOutcome('other', { error: { code: 'HTTP_STATUS', message: 'HTTP 500' }, status: 500, items: [] })),
        record(fetchOutcome(SOURCE, { startedAt: '2024-06-01T13:00:00.000Z', items: [itemRecord('a'), itemRecord('c')] })),
        record(fetchOutcome('nope', { items: [itemRecord('d')] })),
      ]);
      expect(settled.map((s) => (s.status === 'fulfilled' ? s.value.itemsNew : (s.reason as FeedloomError).code))).toEqual([1, 'DATABASE', 0, 1, 'DATABASE']);
      expect([...(await itemsByGuid(db)).keys()].sort()).toEqual(['a', 'c']);
      expect(await getSource(db, 'other')).toMatchObject({ errorCount: 1, lastErrorCode: 'HTTP_STATUS' });
      expect((await fetchRows(db)).map((r) => [r.source_id, r.items_new, r.error_code])).toEqual([[SOURCE, 1, null], ['other', 0, 'HTTP_STATUS'], [SOURCE, 1, null]]);
    });
  });
}
