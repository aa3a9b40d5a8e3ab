import { Kysely, sql } from 'kysely';
import type { Dialect } from 'kysely';
import { FeedloomError } from '../model/errors.js';
import type { Database } from './database.js';
import { DEFAULT_DATABASE_URL, parseDatabaseUrl, redactDatabaseUrl } from './database-url.js';
import { describeError } from './describe-error.js';

/** Which database engine a handle talks to. */
export type DialectName = 'sqlite' | 'postgres';

/** An open database: the Kysely instance, its engine, and how to close it. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The URL with any password hidden, for messages. */
  location: string;
  close(): Promise<void>;
}

/**
 * Open the database `url` names (`sqlite:PATH`, `sqlite::memory:`, `postgres://...`; default
 * `sqlite:./data/feedloom.db`) and check that it answers. Does not migrate: call `migrateToLatest`. On SQLite,
 * a statement meeting another process's write lock waits for it up to `lockWaitMs` (60 s), without blocking.
 * Throws FeedloomError('DATABASE') with one line saying what and where.
 */
export async function createDatabase(url: string = DEFAULT_DATABASE_URL, options: { lockWaitMs?: number } = {}): Promise<DatabaseHandle> {
  const target = parseDatabaseUrl(url);
  const location = redactDatabaseUrl(url.trim());
  // Each driver is loaded only when used: a SQLite install never loads pg, and the reverse.
  let dialect: Dialect;
  if (target.dialect === 'sqlite') {
    const { openSqlite } = await import('./sqlite.js');
    dialect = openSqlite(target.path, options);
  } else {
    const { openPostgres } = await import('./postgres.js');
    dialect = openPostgres(target.url);
  }
  const db = new Kysely<Database>({ dialect });
  try {
    await pingDatabase(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw new FeedloomError('DATABASE', `cannot connect to ${location}: ${describeError(error)}`, { cause: error });
  }
  return { db, dialect: target.dialect, location, close: () => db.destroy() };
}

/** Round-trip a trivial query: resolves when the database answers (health checks), throws the driver's error otherwise. */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
