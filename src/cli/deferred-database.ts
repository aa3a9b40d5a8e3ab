import type { Kysely } from 'kysely';
import type { Logger } from '../log/index.js';
import { hasLastGoodCopies, oneLine } from '../server/index.js';
import { parseDatabaseUrl, redactDatabaseUrl, unopenedDatabase } from '../store/index.js';
import type { Database, DatabaseHandle } from '../store/index.js';
import { databaseUrl, openDatabase } from './database.js';
import type { CliIo } from './io.js';

/** The first wait before trying to open the database again, and the longest (doubling in between). */
const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 30_000;

/**
 * `serve`'s start: open and migrate the database as every command does; when that fails but `lastGood` (the
 * directory of the last good copies) holds a copy — this database was served before — log one error line and
 * return a handle whose opening is deferred instead of failing: until the database is opened its queries fail
 * (so the site's freshness check reports it unreadable and the server answers the copies), and it is tried again
 * in the background every 2 s, backing off to 30 s. Once it opens (and migrates), the handle's `db` is the real
 * one. Without copies (never served, or copies off) the error is thrown, as for every other command.
 */
export async function openDatabaseOrDefer(io: CliIo, logger: Logger, lastGood: string | undefined, role: string): Promise<DatabaseHandle> {
  try {
    return await openDatabase(io);
  } catch (error) {
    const copies = await copiesToStartOn(lastGood, error);
    const url = databaseUrl(io);
    logger.error(`${role}: cannot open the database at start (${oneLine(error)}); answering the last good copies in ${copies} and trying again in the background`);
    return deferredHandle(io, logger, parseDatabaseUrl(url).dialect, redactDatabaseUrl(url.trim()), oneLine(error));
  }
}

/**
 * The directory of last good copies a `serve` may start on when its database could not be opened (`error`):
 * `lastGood`, when it holds at least one copy (this database was served before); else `error` is thrown.
 */
export async function copiesToStartOn(lastGood: string | undefined, error: unknown): Promise<string> {
  if (lastGood === undefined || !(await hasLastGoodCopies(lastGood))) throw error;
  return lastGood;
}

function deferredHandle(io: CliIo, logger: Logger, dialect: DatabaseHandle['dialect'], location: string, firstReason: string): DatabaseHandle {
  let reason = firstReason;
  const placeholder = unopenedDatabase(dialect, () => reason);
  let opened: DatabaseHandle | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let attempt: Promise<void> | undefined;

  const retry = (wait: number): void => {
    timer = setTimeout(() => {
      timer = undefined;
      attempt = tryOpen(wait);
    }, wait);
  };
  const tryOpen = async (wait: number): Promise<void> => {
    try {
      const handle = await openDatabase(io);
      if (closed) return void (await handle.close());
      opened = handle;
      logger.info('database opened and migrated: leaving the last good copies', { database: location });
    } catch (error) {
      reason = oneLine(error);
      if (closed) return;
      const next = Math.min(wait * 2, MAX_RETRY_MS);
      logger.warn('database still cannot be opened', { reason, retryInSeconds: next / 1000 });
      retry(next);
    }
  };
  retry(FIRST_RETRY_MS);

  // The server and the site keep this `db`: each use goes to the real database once opened, else to the placeholder.
  const db = new Proxy<Kysely<Database>>(placeholder, {
    get(_target, property) {
      const current = opened?.db ?? placeholder;
      const value: unknown = Reflect.get(current, property, current);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(current) : value;
    },
  });
  return {
    db,
    dialect,
    location,
    async close() {
      closed = true;
      clearTimeout(timer);
      await attempt;
      await placeholder.destroy();
      await opened?.close();
    },
  };
}
