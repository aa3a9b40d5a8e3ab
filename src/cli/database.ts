import path from 'node:path';
import { createDatabase, DEFAULT_DATABASE_URL, migrateToLatest, parseDatabaseUrl } from '../store/index.js';
import type { DatabaseHandle } from '../store/index.js';
import type { CliIo } from './io.js';

/** DATABASE_URL (default sqlite:./data/feedloom.db) with a relative SQLite path resolved against the working directory. */
export function databaseUrl(io: CliIo): string {
  const url = io.env['DATABASE_URL']?.trim() || DEFAULT_DATABASE_URL;
  const target = parseDatabaseUrl(url);
  if (target.dialect === 'sqlite' && target.path !== ':memory:' && !path.isAbsolute(target.path)) {
    return `sqlite:${path.resolve(io.cwd, target.path)}`;
  }
  return url;
}

/** Open the database and bring its schema up to date (every command that touches the database does so). */
export async function openDatabase(io: CliIo): Promise<DatabaseHandle> {
  const handle = await createDatabase(databaseUrl(io));
  try {
    await migrateToLatest(handle.db);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}
