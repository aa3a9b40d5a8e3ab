import pg from 'pg';
import { PostgresDialect } from 'kysely';

/** Connections per process; a worker runs a handful of transactions at once. */
const POOL_SIZE = 10;
/** pg waits forever for a connection by default; an unreachable server should fail a command instead. */
const CONNECT_TIMEOUT_MS = 10_000;

const INT8_OID = 20;

/**
 * pg returns bigint (int8) columns as strings to avoid precision loss above 2^53; feedloom's bigints
 * are ids and counts, far below that, so they come back as numbers, as they do from SQLite.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A Kysely dialect on a pg connection pool for `url` (connections open lazily). */
export function openPostgres(url: string): PostgresDialect {
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: 'feedloom',
    types,
  });
  // An idle connection dropped by the server emits 'error' on the pool, which would crash the
  // process if unhandled; the pool discards that connection and the next query reports any real outage.
  pool.on('error', () => undefined);
  return new PostgresDialect({ pool });
}
