import { describe, expect, it } from 'vitest';
import { FeedloomError } from '../../src/model/errors.js';
import { DEFAULT_DATABASE_URL, parseDatabaseUrl, redactDatabaseUrl } from '../../src/store/index.js';

describe('parseDatabaseUrl', () => {
  const good = [
    { url: DEFAULT_DATABASE_URL, target: { dialect: 'sqlite', path: './data/feedloom.db' } },
    { url: 'sqlite:/var/lib/feedloom/db.sqlite', target: { dialect: 'sqlite', path: '/var/lib/feedloom/db.sqlite' } },
    { url: 'sqlite:///var/lib/feedloom.db', target: { dialect: 'sqlite', path: '/var/lib/feedloom.db' } },
    { url: 'sqlite://data/x.db', target: { dialect: 'sqlite', path: 'data/x.db' } },
    { url: 'sqlite::memory:', target: { dialect: 'sqlite', path: ':memory:' } },
    { url: ' postgres://u:p@db.internal:5432/feedloom ', target: { dialect: 'postgres', url: 'postgres://u:p@db.internal:5432/feedloom' } },
    { url: 'postgresql://u@127.0.0.1/feedloom?sslmode=disable', target: { dialect: 'postgres', url: 'postgresql://u@127.0.0.1/feedloom?sslmode=disable' } },
  ] as const;
  for (const { url, target } of good) {
    it(`reads ${url.trim()}`, () => expect(parseDatabaseUrl(url)).toEqual(target));
  }

  const bad = [
    { url: 'mysql://root:hunter2@localhost/db', reason: /unsupported/ },
    { url: './data/feedloom.db', reason: /unsupported/ },
    { url: '', reason: /unsupported/ },
    { url: 'sqlite:', reason: /no file path/ },
    { url: 'postgres://', reason: /not a valid URL|no host/ },
    { url: 'postgres://u:secret@[::1/db', reason: /not a valid URL/ },
  ];
  for (const { url, reason } of bad) {
    it(`refuses "${url}" with one DATABASE line`, () => {
      let error: unknown;
      try {
        parseDatabaseUrl(url);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(FeedloomError);
      const { code, message } = error as FeedloomError;
      expect(code).toBe('DATABASE');
      expect(message).toMatch(reason);
      expect(message).toContain('sqlite:PATH');
      expect(message).not.toContain('\n');
      expect(message).not.toMatch(/hunter2|secret/);
    });
  }
});

describe('redactDatabaseUrl', () => {
  const cases = [
    ['postgres://feedloom:s3cret@db:5432/feedloom', 'postgres://feedloom:***@db:5432/feedloom'],
    ['postgres://feedloom@db/feedloom', 'postgres://feedloom@db/feedloom'],
    ['sqlite:./data/feedloom.db', 'sqlite:./data/feedloom.db'],
  ];
  for (const [url, shown] of cases) {
    it(`shows ${url} as ${shown}`, () => expect(redactDatabaseUrl(url ?? '')).toBe(shown));
  }
});
