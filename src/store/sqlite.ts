import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, SqliteAdapter, SqliteDialect, SqliteDriver } from 'kysely';
import type { DatabaseConnection, DialectAdapter, Driver, SqliteDatabase as KyselySqliteDatabase, SqliteDialectConfig, SqliteStatement } from 'kysely';
import { FeedloomError } from '../model/errors.js';

/** How long a writer waits for another process's write transaction before giving up. */
const BUSY_TIMEOUT_MS = 10_000;

/**
 * Every transaction feedloom opens writes, so take the write lock at BEGIN: a deferred
 * transaction that upgrades from read to write in WAL mode fails with SQLITE_BUSY instead of waiting.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** SQLite runs DDL in transactions; saying so makes each migration atomic (and, with BEGIN IMMEDIATE, serialised across processes). */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/** Kysely's SQLite dialect with the two changes above. */
class FeedloomSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
}

/** Prepared statements kept per connection: feedloom's queries are a few hundred distinct SQL texts. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query afresh; a prepared statement can be run again with new parameters, and preparing
 * costs as much as running for feedloom's small queries. Keep the most recently used ones (SQLite re-prepares a
 * cached statement by itself after a schema change). A statement still busy (iterating) is never handed out twice.
 */
function withStatementCache(database: SqliteDatabase.Database): KyselySqliteDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close() {
      cache.clear();
      database.close();
    },
    prepare(sql: string): SqliteStatement {
      const hit = cache.get(sql);
      if (hit !== undefined && !hit.busy) {
        // Most recently used last, so that the oldest is the first key.
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const statement = database.prepare(sql);
      if (hit === undefined) {
        cache.set(sql, statement);
        if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      return statement;
    },
  };
}

/** Open (creating it and its folder if needed) the SQLite database at `path`, or `:memory:`, tuned for feedloom. */
export function openSqlite(path: string): SqliteDialect {
  const memory = path === ':memory:';
  try {
    if (!memory) mkdirSync(dirname(resolve(path)), { recursive: true });
    const database = new SqliteDatabase(path, { timeout: BUSY_TIMEOUT_MS });
    if (!memory) database.pragma('journal_mode = WAL');
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    database.pragma('foreign_keys = ON');
    // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commits.
    database.pragma('synchronous = NORMAL');
    return new FeedloomSqliteDialect({ database: withStatementCache(database) });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FeedloomError('DATABASE', `cannot open SQLite database ${path}: ${reason}`, { cause: error });
  }
}
