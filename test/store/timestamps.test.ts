import { describe, expect, it } from 'vitest';
import { FeedloomError } from '../../src/model/errors.js';
import { listItems, recordFetch, syncSources, toOptionalTimestamp, toTimestamp } from '../../src/store/index.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { configuredSource, fetchOutcome, itemRecord } from './builders.js';

describe('toTimestamp', () => {
  const cases: [Date | string, string][] = [
    [new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)), '2024-01-02T03:04:05.006Z'],
    ['2024-01-02T03:04:05Z', '2024-01-02T03:04:05.000Z'],
    ['2024-01-02T05:04:05.5+02:00', '2024-01-02T03:04:05.500Z'],
    ['2024-01-01', '2024-01-01T00:00:00.000Z'],
    ['Tue, 02 Jan 2024 03:04:05 GMT', '2024-01-02T03:04:05.000Z'],
    ['0999-12-31T23:59:59Z', '0999-12-31T23:59:59.000Z'],
  ];
  for (const [input, stored] of cases) {
    it(`stores ${String(input)} as ${stored}`, () => {
      expect(toTimestamp(input)).toBe(stored);
      expect(toOptionalTimestamp(input)).toBe(stored);
    });
  }

  for (const junk of ['', 'yesterday', '+010000-01-01T00:00:00Z', new Date(Number.NaN)]) {
    it(`refuses ${String(junk) || 'an empty string'} as a clock time, stores it as null from a feed`, () => {
      expect(() => toTimestamp(junk)).toThrow(FeedloomError);
      expect(toOptionalTimestamp(junk)).toBeNull();
    });
  }
  it('passes null and undefined through as null', () => {
    expect(toOptionalTimestamp(null)).toBeNull();
    expect(toOptionalTimestamp(undefined)).toBeNull();
  });
});

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'timestamps in the database', (current) => {
    // Given out of order and in mixed spellings; the raw strings would sort wrongly as text
    // ('...05Z' after '...05.500Z', '+02:00' before 'Z').
    const dates = [
      { guid: 'c', published: '2024-01-02T03:04:05Z', stored: '2024-01-02T03:04:05.000Z' },
      { guid: 'e', published: '2024-01-02T05:04:06+02:00', stored: '2024-01-02T03:04:06.000Z' },
      { guid: 'a', published: '2023-12-31T23:59:59.999Z', stored: '2023-12-31T23:59:59.999Z' },
      { guid: 'd', published: '2024-01-02T03:04:05.500Z', stored: '2024-01-02T03:04:05.500Z' },
      { guid: 'b', published: '2024-01-02T03:04:04.999-00:00', stored: '2024-01-02T03:04:04.999Z' },
      { guid: 'undated', published: 'not a date', stored: null },
    ];

    it('round-trip in canonical form and sort chronologically, undated last', async () => {
      const { db } = current();
      await syncSources(db, [configuredSource('s')]);
      await recordFetch(db, fetchOutcome('s', {
        startedAt: new Date(Date.UTC(2024, 5, 1, 12, 0, 0, 7)),
        items: dates.map(({ guid, published }) => itemRecord(guid, { publishedAt: published })),
      }));

      const items = await listItems(db, { limit: 10 });
      expect(items.map((item) => [item.guid, item.publishedAt])).toEqual([
        ['e', '2024-01-02T03:04:06.000Z'], ['d', '2024-01-02T03:04:05.500Z'], ['c', '2024-01-02T03:04:05.000Z'],
        ['b', '2024-01-02T03:04:04.999Z'], ['a', '2023-12-31T23:59:59.999Z'], ['undated', null],
      ]);
      expect(items.every((item) => item.firstSeenAt === '2024-06-01T12:00:00.007Z')).toBe(true);
      expect(await listItems(db, { limit: 2 })).toHaveLength(2);
    });

    it('compare in SQL as the instants they are', async () => {
      const { db } = current();
      await syncSources(db, [configuredSource('s')]);
      await recordFetch(db, fetchOutcome('s', {
        items: dates.map(({ guid, published }) => itemRecord(guid, { publishedAt: published })),
      }));
      const after = await db
        .selectFrom('items')
        .select('guid')
        .where('published_at', '>', toTimestamp('2024-01-02T05:04:05+02:00'))
        .orderBy('published_at')
        .execute();
      expect(after.map((row) => row.guid)).toEqual(['d', 'e']);
    });
  });
}
