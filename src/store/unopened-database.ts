import { Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';
import type { DatabaseConnection, Dialect, Driver } from 'kysely';
import type { DialectName } from './create-database.js';
import type { Database } from './database.js';

/** A driver with no database behind it: every query fails with `reason()` (what the last try to open said). */
class UnopenedDriver implements Driver {
  constructor(private readonly reason: () => string) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    throw new Error(`database not open: ${this.reason()}`);
  }

  async beginTransaction(): Promise<void> {}

  async commitTransaction(): Promise<void> {}

  async rollbackTransaction(): Promise<void> {}

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {}
}

/**
 * A Kysely instance of `dialect` that builds queries as the real one does but answers none: each fails with
 * "database not open: <reason>", without any I/O. What a `serve` that started while its database was away reads
 * until the database is opened.
 */
export function unopenedDatabase(dialect: DialectName, reason: () => string): Kysely<Database> {
  const sqlite = dialect === 'sqlite';
  const unopened: Dialect = {
    createAdapter: () => (sqlite ? new SqliteAdapter() : new PostgresAdapter()),
    createDriver: () => new UnopenedDriver(reason),
    createQueryCompiler: () => (sqlite ? new SqliteQueryCompiler() : new PostgresQueryCompiler()),
    createIntrospector: (db) => (sqlite ? new SqliteIntrospector(db) : new PostgresIntrospector(db)),
  };
  return new Kysely<Database>({ dialect: unopened });
}
