import { hash } from 'node:crypto';
import { homedir } from 'node:os';
import path from 'node:path';
import { parseDatabaseUrl, redactDatabaseUrl } from '../store/index.js';
import { databaseUrl } from './database.js';
import type { CliIo } from './io.js';

/** The environment variable naming the directory of the last good copies (`off`: memory only). */
export const LAST_GOOD_DIR_ENV = 'FEEDLOOM_LAST_GOOD_DIR';

/**
 * Where `serve` and `run` keep the last good copies of pages and feeds on disk (stale-if-error across workers
 * and restarts), or undefined for none. $FEEDLOOM_LAST_GOOD_DIR when set (`off` turns the disk copies off);
 * else, for SQLite, a directory beside the database file (`feedloom.db.last-good`), and for PostgreSQL one
 * per database under the user's cache directory (`$XDG_CACHE_HOME` or `~/.cache`, `feedloom/last-good/<hash
 * of the URL without its password>`). An in-memory SQLite database has none.
 */
export function lastGoodDir(io: CliIo): string | undefined {
  const named = io.env[LAST_GOOD_DIR_ENV]?.trim();
  if (named !== undefined && named !== '') return named.toLowerCase() === 'off' ? undefined : path.resolve(io.cwd, named);
  const url = databaseUrl(io);
  const target = parseDatabaseUrl(url);
  if (target.dialect === 'sqlite') return target.path === ':memory:' ? undefined : `${target.path}.last-good`;
  return path.join(cacheHome(io), 'feedloom', 'last-good', hash('sha256', redactDatabaseUrl(url.trim()), 'hex').slice(0, 16));
}

/** The user's cache directory, by the XDG convention (macOS and Windows have their own). */
function cacheHome(io: CliIo): string {
  const xdg = io.env['XDG_CACHE_HOME']?.trim();
  if (xdg !== undefined && path.isAbsolute(xdg)) return xdg;
  if (process.platform === 'darwin') return path.join(homedir(), 'Library', 'Caches');
  const local = io.env['LOCALAPPDATA']?.trim();
  if (process.platform === 'win32' && local !== undefined && local !== '') return local;
  return path.join(io.env['HOME']?.trim() || homedir(), '.cache');
}
