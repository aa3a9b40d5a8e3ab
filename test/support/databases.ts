import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from 'vitest';
import {
  createDatabase,
  createPostgresDatabase,
  dropPostgresDatabase,
  migrateToLatest,
  withDatabaseName,
  withSearchPath,
} from '../../src/store/index.js';
import type { DatabaseHandle, DialectName } from '../../src/store/index.js';

/** Every database feedloom supports: storage tests loop over these. */
export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres'];

/** The PostgreSQL server tests create their databases on (trust auth on 127.0.0.1 by default). */
export const POSTGRES_ADMIN_URL =
  process.env['FEEDLOOM_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** An open database made for one test, with the URL to open more connections to it. */
export interface TestDatabase extends DatabaseHandle {
  url: string;
}

/** A database that exists until `dispose` removes it. */
export interface ProvisionedDatabase {
  url: string;
  dispose(): Promise<void>;
}

/** Why PostgreSQL cannot be used, or undefined when it answers. Probed once per test file. */
const postgresProblem: string | undefined = await probePostgres();

async function probePostgres(): Promise<string | undefined> {
  try {
    const admin = await createDatabase(POSTGRES_ADMIN_URL);
    await admin.close();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Create a fresh, empty database: a SQLite file in a new temp folder, or a uniquely named PostgreSQL database. */
export async function provisionDatabase(dialect: DialectName): Promise<ProvisionedDatabase> {
  if (dialect === 'sqlite') {
    const folder = mkdtempSync(join(tmpdir(), 'feedloom-test-'));
    return {
      url: `sqlite:${join(folder, 'feedloom.db')}`,
      dispose: () => Promise.resolve(rmSync(folder, { recursive: true, force: true })),
    };
  }
  const name = `feedloom_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => createPostgresDatabase(admin.db, name));
  return {
    url: withDatabaseName(POSTGRES_ADMIN_URL, name),
    dispose: () => withAdmin((admin) => dropPostgresDatabase(admin.db, name)),
  };
}

async function withAdmin(action: (admin: DatabaseHandle) => Promise<void>): Promise<void> {
  const admin = await createDatabase(POSTGRES_ADMIN_URL);
  try {
    await action(admin);
  } finally {
    await admin.close();
  }
}

/**
 * Fresh databases for the tests of one describe block. SQLite: a new file per test. PostgreSQL:
 * a uniquely named database per block (created before it, dropped after it) and a new schema per
 * test, reached through the connection's search_path, so that each test starts empty without
 * paying for a CREATE DATABASE (about half a second) every time.
 */
interface Provider {
  before(): Promise<void>;
  next(): Promise<ProvisionedDatabase>;
  after(): Promise<void>;
}

function sqliteProvider(): Provider {
  return { before: async () => undefined, next: () => provisionDatabase('sqlite'), after: async () => undefined };
}

function postgresProvider(): Provider {
  let database: ProvisionedDatabase | undefined;
  let admin: DatabaseHandle | undefined;
  return {
    async before() {
      database = await provisionDatabase('postgres');
      admin = await createDatabase(database.url);
    },
    async next() {
      if (database === undefined || admin === undefined) throw new Error('postgres provider used outside its block');
      const owner = admin;
      const schema = `test_${randomBytes(6).toString('hex')}`;
      await owner.db.schema.createSchema(schema).execute();
      return {
        url: withSearchPath(database.url, schema),
        dispose: async () => {
          await owner.db.schema.dropSchema(schema).cascade().execute();
        },
      };
    },
    async after() {
      await admin?.close();
      await database?.dispose();
    },
  };
}

/**
 * A describe block for one dialect whose tests each get a fresh, empty database (migrated unless
 * `migrate: false`), closed and removed afterwards; `current()` returns it inside a test.
 * PostgreSQL unreachable: the block fails when CI=true, and is skipped with a note otherwise.
 */
export function describeDatabase(
  dialect: DialectName,
  name: string,
  body: (current: () => TestDatabase) => void,
  options: { migrate?: boolean } = {},
): void {
  const title = `${name} [${dialect}]`;
  if (dialect === 'postgres' && postgresProblem !== undefined) {
    const why = `PostgreSQL is not usable for tests: ${postgresProblem}`;
    if (process.env['CI'] === 'true') {
      describe(title, () => {
        it('needs PostgreSQL', () => {
          throw new Error(`${why}; CI=true requires the PostgreSQL tests to run. Start it or set FEEDLOOM_TEST_PG_URL.`);
        });
      });
    } else {
      console.warn(`NOTE: skipping "${title}": ${why}. With CI=true these tests fail instead.`);
      describe.skip(`${title} — SKIPPED: ${why}`, () => body(() => {
        throw new Error('skipped');
      }));
    }
    return;
  }
  describe(title, () => {
    const provider = dialect === 'sqlite' ? sqliteProvider() : postgresProvider();
    let current: TestDatabase | undefined;
    let provisioned: ProvisionedDatabase | undefined;
    beforeAll(() => provider.before());
    afterAll(() => provider.after());
    beforeEach(async () => {
      provisioned = await provider.next();
      current = { ...(await createDatabase(provisioned.url)), url: provisioned.url };
      if (options.migrate !== false) await migrateToLatest(current.db);
    });
    afterEach(async () => {
      await current?.close();
      await provisioned?.dispose();
      current = undefined;
      provisioned = undefined;
    });
    body(() => {
      if (current === undefined) throw new Error('the test database exists only inside a test');
      return current;
    });
  });
}
