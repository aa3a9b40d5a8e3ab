import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, SqliteAdapter, SqliteDialect, SqliteDriver } from 'kysely';
import type {
  DatabaseConnection, DialectAdapter, Driver, QueryResult, SqliteDatabase as KyselySqliteDatabase, SqliteDialectConfig, SqliteStatement,
} from 'kysely';
import { FeedloomError } from '../model/errors.js';
import { sqliteLockHolder } from './sqlite-lock-holder.js';

/**
 * How long SQLite itself waits for a lock, blocking the thread (better-sqlite3 is synchronous): kept short, so that
 * a lock held for seconds by another process never stalls this one's event loop (and with it every fetch's deadline).
 */
const SYNC_BUSY_MS = 25;
/** How long a statement waits, asynchronously and with backoff, for another process's write lock before giving up. */
export const DEFAULT_LOCK_WAIT_MS = 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED');
}

/**
 * A connection whose statements, when another process holds the database's write lock, wait for it asynchronously
 * with backoff up to `lockWaitMs` (only outside a transaction, or at its BEGIN: inside one we hold the lock), then
 * fail saying which process held it.
 */
class PatientConnection implements DatabaseConnection {
  constructor(
    private readonly inner: DatabaseConnection,
    private readonly database: SqliteDatabase.Database,
    private readonly settings: { path: string; lockWaitMs: number },
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const started = Date.now();
    for (let delay = 10; ; delay = Math.min(delay * 2, 500)) {
      const inTransaction = this.database.inTransaction;
      try {
        return await this.inner.executeQuery<R>(query);
      } catch (error) {
        if (!isBusy(error) || inTransaction) throw error;
        const waited = Date.now() - started;
        if (waited >= this.settings.lockWaitMs) throw this.gaveUp(error, waited);
        await sleep(Math.min(delay, this.settings.lockWaitMs - waited));
      }
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }

  private gaveUp(error: unknown, waited: number): FeedloomError {
    const holder = sqliteLockHolder(this.settings.path);
    const who = holder ? `by ${holder}` : 'by another process (which one cannot be told here)';
    return new FeedloomError('DATABASE', `database ${this.settings.path} is locked ${who}: gave up after waiting ${(waited / 1000).toFixed(1)} s`, { cause: error });
  }
}

/**
 * Every transaction feedloom opens writes, so take the write lock at BEGIN: a deferred
 * transaction that upgrades from read to write in WAL mode fails with SQLITE_BUSY instead of waiting.
 * Statements wait for another process's lock patiently (PatientConnection).
 */
class ImmediateSqliteDriver extends SqliteDriver {
  readonly #patient = new WeakMap<DatabaseConnection, PatientConnection>();

  constructor(
    config: SqliteDialectConfig,
    private readonly database: SqliteDatabase.Database,
    private readonly settings: { path: string; lockWaitMs: number },
  ) {
    super(config);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    let patient = this.#patient.get(connection);
    if (patient === undefined) {
      patient = new PatientConnection(connection, this.database, this.settings);
      this.#patient.set(connection, patient);
    }
    return patient;
  }

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

  constructor(
    config: SqliteDialectConfig,
    private readonly database: SqliteDatabase.Database,
    private readonly settings: { path: string; lockWaitMs: number },
  ) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config, this.database, this.settings);
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

/**
 * Open (creating it and its folder if needed) the SQLite database at `path`, or `:memory:`, tuned for feedloom.
 * A statement that finds another process's write lock waits up to `lockWaitMs` (default 60 s) for it.
 */
export function openSqlite(path: string, options: { lockWaitMs?: number } = {}): SqliteDialect {
  const memory = path === ':memory:';
  try {
    if (!memory) mkdirSync(dirname(resolve(path)), { recursive: true });
    const database = new SqliteDatabase(path, { timeout: SYNC_BUSY_MS });
    if (!memory) journalModeWal(database, options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS);
    database.pragma(`busy_timeout = ${SYNC_BUSY_MS}`);
    database.pragma('foreign_keys = ON');
    // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commits.
    database.pragma('synchronous = NORMAL');
    // A cold ingest writes index keys all over item_keys' B-tree: with SQLite's defaults (a 2 MB page cache, a
    // checkpoint whenever the WAL passes 1,000 pages) nearly every fetch's commit checkpoints, rewriting and syncing the
    // same index pages again and again. Measured on bench:ingest's news corpus (300 sources): time in commits
    // 11.1 s -> 3.9 s, process CPU -9%, peak RSS unchanged. The WAL may grow to ~40 MB between checkpoints; the
    // file is truncated back to 64 MB at most after one.
    database.pragma('cache_size = -16384');
    if (!memory) {
      database.pragma('wal_autocheckpoint = 10000');
      database.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    }
    return new FeedloomSqliteDialect({ database: withStatementCache(database) }, database, { path, lockWaitMs: options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FeedloomError('DATABASE', `cannot open SQLite database ${path}: ${reason}`, { cause: error });
  }
}

/**
 * Switch to WAL (a no-op when it already is, which needs no lock). Switching does need the lock: while another
 * process holds it, wait a little — synchronously, as this runs while opening — then go on in the current mode.
 */
function journalModeWal(database: SqliteDatabase.Database, lockWaitMs: number): void {
  if (String(database.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal') return;
  const deadline = Date.now() + Math.min(lockWaitMs, 5_000);
  for (;;) {
    try {
      database.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if (!isBusy(error) || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
}
