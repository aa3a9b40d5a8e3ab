import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { FeedloomError } from '../model/errors.js';

const NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function checkName(name: string): void {
  if (!NAME.test(name)) throw new FeedloomError('DATABASE', `not a plain database name: "${name}"`);
}

/** Create an empty PostgreSQL database `name` through an open connection to another one (tests, benchmarks). */
export async function createPostgresDatabase<DB>(admin: Kysely<DB>, name: string): Promise<void> {
  checkName(name);
  await sql`create database ${sql.id(name)}`.execute(admin);
}

/** Drop PostgreSQL database `name`, closing any connections still open to it. */
export async function dropPostgresDatabase<DB>(admin: Kysely<DB>, name: string): Promise<void> {
  checkName(name);
  await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
}

/** The same PostgreSQL URL pointing at database `name` instead. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

/** The same PostgreSQL URL with every connection's search_path set to `schema`: its tables land there. */
export function withSearchPath(url: string, schema: string): string {
  checkName(schema);
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}
