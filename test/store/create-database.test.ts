import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedloomError } from '../../src/model/errors.js';
import { createDatabase, migrateToLatest, syncSources, toTimestamp } from '../../src/store/index.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';

async function failure(promise: Promise<unknown>): Promise<FeedloomError> {
  const error: unknown = await promise.then(() => undefined, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(FeedloomError);
  return error as FeedloomError;
}

describe('createDatabase (SQLite file)', () => {
  let folder = '';
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'feedloom-create-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('creates the missing parent folders and the file, in WAL mode', async () => {
    const file = join(folder, 'nested', 'deeper', 'feedloom.db');
    const handle = await createDatabase(`sqlite:${file}`);
    try {
      expect(handle.dialect).toBe('sqlite');
      expect(handle.location).toBe(`sqlite:${file}`);
      await migrateToLatest(handle.db);
      await syncSources(handle.db, [{ id: 'a', url: 'https://a.example/feed', tags: [], enabled: true, priority: 0 }]);
      expect(existsSync(file)).toBe(true);
      // The write-ahead log sits beside the database while it is open: journal_mode=WAL took effect.
      expect(existsSync(`${file}-wal`)).toBe(true);
    } finally {
      await handle.close();
    }
  });

  it('says which file it cannot open, in one line', async () => {
    const blocker = join(folder, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const error = await failure(createDatabase(`sqlite:${join(blocker, 'feedloom.db')}`));
    expect(error.code).toBe('DATABASE');
    expect(error.message).toContain(join(blocker, 'feedloom.db'));
    expect(error.message).not.toContain('\n');
  });

  it('opens an in-memory database for tests', async () => {
    const handle = await createDatabase('sqlite::memory:');
    await migrateToLatest(handle.db);
    expect(await handle.db.selectFrom('sources').selectAll().execute()).toEqual([]);
    await handle.close();
  });
});

describe('createDatabase (errors)', () => {
  it('refuses an unsupported URL before opening anything', async () => {
    const error = await failure(createDatabase('mysql://root@localhost/feedloom'));
    expect(error).toMatchObject({ code: 'DATABASE' });
    expect(error.message).toMatch(/^database URL "mysql:\/\/root@localhost\/feedloom": unsupported/);
  });

  it('reports an unreachable PostgreSQL in one line, without the password', async () => {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const error = await failure(createDatabase('postgres://feedloom:hunter2@127.0.0.1:1/feedloom'));
    expect(error.code).toBe('DATABASE');
    expect(error.message).toMatch(/^cannot connect to postgres:\/\/feedloom:\*\*\*@127\.0\.0\.1:1\/feedloom: .*ECONNREFUSED/);
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('\n');
  });
});

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'createDatabase', (current) => {
    it(`reports its dialect and enforces foreign keys`, async () => {
      const { db, dialect: reported } = current();
      expect(reported).toBe(dialect);
      const now = toTimestamp(new Date());
      const orphan = db.insertInto('fetches').values({
        source_id: 'no-such-source', started_at: now, duration_ms: 1, http_status: 200, bytes: 0,
        not_modified: 0, items_seen: 0, items_new: 0, items_updated: 0,
      });
      await expect(orphan.execute()).rejects.toThrow(/foreign key/i);
    });
  });
}
