import { FeedloomError } from '../model/errors.js';

/** The URL used when DATABASE_URL is not set. */
export const DEFAULT_DATABASE_URL = 'sqlite:./data/feedloom.db';

/** Where a database URL points: a SQLite file (or `:memory:`), or a PostgreSQL server. */
export type DatabaseTarget =
  | { dialect: 'sqlite'; path: string }
  | { dialect: 'postgres'; url: string };

const USAGE = 'expected sqlite:PATH, sqlite::memory: or postgres://USER@HOST:PORT/DATABASE';

/** Read a database URL (`sqlite:PATH`, `sqlite::memory:`, `postgres://...`); throws DATABASE on anything else. */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  const trimmed = url.trim();
  const shown = redactDatabaseUrl(trimmed);
  if (/^sqlite:/i.test(trimmed)) {
    // Accept the common `sqlite://relative` and `sqlite:///absolute` spellings too.
    const path = trimmed.slice('sqlite:'.length).replace(/^\/\/(?=.)/, '');
    if (path === '') throw new FeedloomError('DATABASE', `database URL "${shown}": no file path; ${USAGE}`);
    return { dialect: 'sqlite', path };
  }
  if (/^postgres(ql)?:\/\//i.test(trimmed)) {
    let parsed: URL;
    try {
      parsed = new URL(trimmed);
    } catch {
      throw new FeedloomError('DATABASE', `database URL "${shown}": not a valid URL; ${USAGE}`);
    }
    if (parsed.hostname === '' && !parsed.searchParams.has('host')) {
      throw new FeedloomError('DATABASE', `database URL "${shown}": no host; ${USAGE}`);
    }
    return { dialect: 'postgres', url: trimmed };
  }
  throw new FeedloomError('DATABASE', `database URL "${shown}": unsupported; ${USAGE}`);
}

/** The URL with any password replaced by `***`, safe to print. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, '$1***@');
}
