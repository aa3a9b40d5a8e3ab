import { Kysely, sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { openSqlite } from '../../src/store/sqlite.js';

interface Db { t: { n: number } }

let db: Kysely<Db> | undefined;
afterEach(async () => {
  await db?.destroy();
});

it('reuses prepared statements with new parameters, after a stream and after a schema change', async () => {
  const k = new Kysely<Db>({ dialect: openSqlite(':memory:') });
  db = k;
  await sql`create table t (n integer)`.execute(k);
  for (let n = 0; n < 5; n++) await k.insertInto('t').values({ n }).execute();
  const above = (min: number) => k.selectFrom('t').select('n').where('n', '>', min).orderBy('n');
  expect((await above(2).execute()).map((r) => r.n)).toEqual([3, 4]);
  expect((await above(0).execute()).map((r) => r.n)).toEqual([1, 2, 3, 4]);
  // A stream of the same SQL, then the statement again.
  const streamed: number[] = [];
  for await (const row of above(-1).stream()) streamed.push(row.n);
  expect(streamed).toEqual([0, 1, 2, 3, 4]);
  expect((await above(1).execute()).map((r) => r.n)).toEqual([2, 3, 4]);
  // DDL after a statement was cached: SQLite re-prepares it.
  await sql`alter table t add column m integer`.execute(k);
  expect((await above(3).execute()).map((r) => r.n)).toEqual([4]);
});
