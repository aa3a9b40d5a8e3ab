import { PostgresAdapter } from 'kysely';
import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

/** An id column: its type and its constraints, for `.addColumn('id', id.type, id.build)`. */
export interface IdColumn {
  type: 'integer' | 'bigint';
  build: (col: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
}

/**
 * An auto-assigned 64-bit primary key. The one place the dialects differ: SQLite assigns ids only
 * to a column declared exactly `integer primary key` (the rowid, 64-bit already); PostgreSQL needs a
 * bigint identity, because `INSERT ... ON CONFLICT DO NOTHING` draws an id even when it inserts nothing.
 */
export function autoId(db: Kysely<unknown>): IdColumn {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    return { type: 'bigint', build: (col) => col.primaryKey().generatedByDefaultAsIdentity() };
  }
  return { type: 'integer', build: (col) => col.primaryKey() };
}
