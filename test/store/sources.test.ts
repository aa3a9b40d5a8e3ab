import { expect, it } from 'vitest';
import { FeedloomError } from '../../src/model/errors.js';
import { dueSources, getSource, listSources, recordFetch, syncSources } from '../../src/store/index.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { configuredSource, fetchOutcome, itemRecord } from './builders.js';

const T0 = '2024-06-01T12:00:00.000Z';

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'sources', (current) => {
    it('inserts configured sources with their settings', async () => {
      const { db } = current();
      const result = await syncSources(db, [
        configuredSource('lwn', { title: 'LWN.net', siteUrl: 'https://lwn.net/', tags: ['linux', 'kernel'], priority: 5 }),
        configuredSource('quiet', { title: undefined, enabled: false }),
      ], T0);

      expect(result).toEqual({ added: ['lwn', 'quiet'], disabled: [] });
      expect(await listSources(db)).toMatchObject([
        {
          id: 'lwn', url: 'https://lwn.example.org/feed.xml', title: 'LWN.net', siteUrl: 'https://lwn.net/',
          tags: ['linux', 'kernel'], enabled: true, priority: 5, errorCount: 0, etag: null, nextFetchAt: null,
          createdAt: T0, updatedAt: T0,
        },
        { id: 'quiet', title: null, siteUrl: null, enabled: false, priority: 0 },
      ]);
      expect(await getSource(db, 'missing')).toBeUndefined();
    });

    it('updates configured fields and keeps fetch state and items', async () => {
      const { db } = current();
      await syncSources(db, [configuredSource('lwn')], T0);
      await recordFetch(db, fetchOutcome('lwn', { items: [itemRecord('a')] }));
      const result = await syncSources(db, [configuredSource('lwn', { title: 'Renamed', tags: ['news'], priority: 2 })], '2024-06-02T00:00:00Z');

      expect(result).toEqual({ added: [], disabled: [] });
      expect(await getSource(db, 'lwn')).toMatchObject({
        title: 'Renamed', tags: ['news'], priority: 2, etag: '"v1"', lastModified: 'Sat, 01 Jun 2024 11:00:00 GMT',
        lastSuccessAt: T0, nextFetchAt: '2024-06-01T12:30:00.000Z', createdAt: T0, updatedAt: '2024-06-02T00:00:00.000Z',
      });
    });

    it('drops the state that belonged to the old URL when the URL changes, and makes the source due', async () => {
      const { db } = current();
      await syncSources(db, [configuredSource('lwn')], T0);
      await recordFetch(db, fetchOutcome('lwn', { permanentRedirect: 'https://lwn.net/moved' }));
      await recordFetch(db, fetchOutcome('lwn', {
        startedAt: '2024-06-01T13:00:00Z', status: 404, error: { code: 'HTTP_STATUS', message: 'HTTP 404' },
      }));
      await syncSources(db, [configuredSource('lwn', { title: 'Renamed' })], T0);
      expect(await getSource(db, 'lwn')).toMatchObject({ etag: '"v1"', errorCount: 1, nextFetchAt: '2024-06-01T12:30:00.000Z' });

      await syncSources(db, [configuredSource('lwn', { url: 'https://lwn.net/moved' })], T0);
      expect(await getSource(db, 'lwn')).toMatchObject({
        url: 'https://lwn.net/moved', etag: null, lastModified: null, redirectUrl: null, errorCount: 0,
        nextFetchAt: null, lastSuccessAt: T0, lastErrorCode: 'HTTP_STATUS',
      });
    });

    it('disables a source removed from the config, never deletes it, and re-enables it when it returns', async () => {
      const { db } = current();
      await syncSources(db, [configuredSource('a'), configuredSource('b'), configuredSource('c')], T0);
      await recordFetch(db, fetchOutcome('b', { items: [itemRecord('kept')] }));

      expect(await syncSources(db, [configuredSource('a')], T0)).toEqual({ added: [], disabled: ['b', 'c'] });
      expect((await listSources(db)).map((s) => [s.id, s.enabled])).toEqual([['a', true], ['b', false], ['c', false]]);
      expect((await getSource(db, 'b'))?.etag).toBe('"v1"');
      expect(await syncSources(db, [], T0)).toEqual({ added: [], disabled: ['a'] });

      expect(await syncSources(db, [configuredSource('b')], T0)).toEqual({ added: [], disabled: [] });
      expect(await getSource(db, 'b')).toMatchObject({ enabled: true, etag: '"v1"' });
    });

    it('refuses a config that lists an id twice, changing nothing', async () => {
      const { db } = current();
      const error: unknown = await syncSources(db, [configuredSource('a'), configuredSource('a')]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FeedloomError);
      expect(await listSources(db)).toEqual([]);
    });

    it('finds due sources: never fetched or next_fetch_at reached, enabled only, by priority', async () => {
      const { db } = current();
      await syncSources(db, [
        configuredSource('never'), configuredSource('due-early'), configuredSource('due-now', { priority: 3 }),
        configuredSource('later'), configuredSource('off', { enabled: false }),
      ], T0);
      const schedule = { 'due-early': '2024-06-01T11:00:00Z', 'due-now': '2024-06-01T12:00:00Z', later: '2024-06-01T12:00:00.001Z' };
      for (const [id, nextFetchAt] of Object.entries(schedule)) {
        await recordFetch(db, fetchOutcome(id, { nextFetchAt }));
      }

      const ids = async (options?: Parameters<typeof dueSources>[2], now: string | Date = T0) =>
        (await dueSources(db, now, options)).map((source) => source.id);
      expect(await ids()).toEqual(['due-now', 'never', 'due-early']);
      // The same instant written with an offset is the same instant.
      expect(await ids(undefined, '2024-06-01T14:00:00.001+02:00')).toEqual(['due-now', 'never', 'due-early', 'later']);
      expect(await ids(undefined, new Date('2024-06-01T10:59:59.999Z'))).toEqual(['never']);
      expect(await ids({ all: true })).toEqual(['due-now', 'never', 'due-early', 'later']);
      expect(await ids({ ids: ['later', 'off', 'unknown'] })).toEqual(['later']);
    });
  });
}
