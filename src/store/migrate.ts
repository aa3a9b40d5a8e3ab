import { Migrator, NO_MIGRATIONS } from 'kysely';
import type { Kysely, MigrationResult, MigrationResultSet } from 'kysely';
import { migrations } from '../../migrations/index.js';
import { FeedloomError } from '../model/errors.js';
import { describeError } from './describe-error.js';
import type { Database } from './database.js';

function migrator(db: Kysely<Database>): Migrator {
  return new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
}

/** Results on success; a FeedloomError('DATABASE') naming the failed migration otherwise. */
function settle(action: string, set: MigrationResultSet): MigrationResult[] {
  if (set.error === undefined) return set.results ?? [];
  const failed = set.results?.find((result) => result.status === 'Error');
  const where = failed ? ` at ${failed.migrationName}` : '';
  throw new FeedloomError('DATABASE', `${action} failed${where}: ${describeError(set.error)}`, { cause: set.error });
}

/**
 * Apply every migration not yet applied, each in its own transaction, holding the migration
 * lock so that processes starting together migrate once. Returns what ran (empty when up to date,
 * found out without taking a write lock).
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResult[]> {
  // Reading which are applied takes no write lock: a database already up to date is not locked to find that out
  // (another process's long write transaction would otherwise hold up every start).
  const pending = await migrator(db).getMigrations().then((all) => all.some((info) => info.executedAt === undefined), () => true);
  if (!pending) return [];
  return settle('database migration', await migrator(db).migrateToLatest());
}

/** Undo every migration (drops all feedloom tables): for tests and a clean reinstall. */
export async function migrateDownAll(db: Kysely<Database>): Promise<MigrationResult[]> {
  return settle('database rollback', await migrator(db).migrateTo(NO_MIGRATIONS));
}

/** The names of the migrations this build knows, in order, and whether each is applied. */
export async function migrationStatus(db: Kysely<Database>): Promise<{ name: string; applied: boolean }[]> {
  const all = await migrator(db).getMigrations();
  return all.map((info) => ({ name: info.name, applied: info.executedAt !== undefined }));
}
