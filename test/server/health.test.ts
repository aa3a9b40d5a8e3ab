import { Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';
import type { DatabaseConnection, Dialect, Driver, QueryResult } from 'kysely';
import { describe, expect, it } from 'vitest';
import { checkHealth } from '../../src/server/health.js';
import type { Database } from '../../src/store/index.js';

/** A database that accepts connections and never answers a query: a hung server or a full pool. */
function hungDatabase(): Kysely<Database> {
  const connection: DatabaseConnection = {
    executeQuery: () => new Promise<QueryResult<never>>(() => undefined),
    // eslint-disable-next-line require-yield -- never yields: the query never answers
    streamQuery: async function* () { await new Promise(() => undefined); },
  };
  const driver: Driver = {
    init: async () => undefined,
    acquireConnection: async () => connection,
    beginTransaction: async () => undefined,
    commitTransaction: async () => undefined,
    rollbackTransaction: async () => undefined,
    releaseConnection: async () => undefined,
    destroy: async () => undefined,
  };
  const dialect: Dialect = {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => driver,
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
  return new Kysely<Database>({ dialect });
}

describe('checkHealth', () => {
  it('gives up on a database that does not answer within the timeout', async () => {
    const began = Date.now();
    const health = await checkHealth(hungDatabase(), 100);
    expect(health).toEqual({ ok: false, reason: 'database: database did not answer within 100 ms' });
    expect(Date.now() - began).toBeGreaterThanOrEqual(90);
    expect(Date.now() - began).toBeLessThan(2_000);
  });
});
