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
 * lock so that processes starting together migrate once. Returns what ran (empty when up to date).
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResult[]> {
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
