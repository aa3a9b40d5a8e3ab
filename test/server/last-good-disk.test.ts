import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { LastGoodDisk } from '../../src/server/last-good-disk.js';
import type { SavedAnswer } from '../../src/server/last-good-disk.js';
import { contentDigest } from '../../src/server/validators.js';
import { memoryLogger } from './fake-site.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'feedloom-last-good-'));
  dirs.push(dir);
  return dir;
}

function saved(requestPath: string, text: string, extra: Partial<SavedAnswer> = {}): SavedAnswer {
  const identity = Buffer.from(text, 'utf8');
  return {
    path: requestPath,
    route: 'feed_atom',
    validators: { base: contentDigest(identity), lastModifiedMs: 1_780_000_000_000 },
    common: { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=300', vary: 'Accept-Encoding', 'last-modified': 'Thu, 28 May 2026 20:26:40 GMT' },
    identity,
    ...extra,
  };
}

it('writes a copy that another store on the same directory reads back whole: bytes, route, validators and headers', async () => {
  const dir = path.join(tempDir(), 'copies');
  const writer = new LastGoodDisk({ dir, logger: memoryLogger() });
  const answer = saved('/feeds/headlines.atom', '<feed>one</feed>');
  writer.save(answer);
  writer.save(saved('/stories/7?', 'odd path', { route: 'story', validators: { base: contentDigest(Buffer.from('odd path')) } }));
  await writer.flush();

  const reader = new LastGoodDisk({ dir, logger: memoryLogger() });
  expect(await reader.load('/feeds/headlines.atom')).toEqual(answer);
  const odd = await reader.load('/stories/7?');
  expect([odd?.route, odd?.identity.toString(), odd?.validators]).toEqual(['story', 'odd path', { base: contentDigest(Buffer.from('odd path')) }]);
  expect(await reader.load('/never')).toBeUndefined();
  // Nothing but the two copies: no temp file left behind.
  expect(readdirSync(dir).sort()).toEqual([path.basename(reader.fileOf('/feeds/headlines.atom')), path.basename(reader.fileOf('/stories/7?'))].sort());
});

it('replaces a copy by renaming a whole new file over it, and leaves an unchanged copy as it is', async () => {
  const dir = tempDir();
  const store = new LastGoodDisk({ dir, logger: memoryLogger() });
  const file = store.fileOf('/');
  store.save(saved('/', 'first'));
  await store.flush();
  const first = statSync(file);

  // The same bytes again (another worker's rendering, or the next generation): no new file.
  const again = new LastGoodDisk({ dir, logger: memoryLogger() });
  again.save(saved('/', 'first'));
  await again.flush();
  expect(statSync(file).ino).toBe(first.ino);

  // Changed bytes: a new file took its place (a reader holding the old one still reads it whole).
  again.save(saved('/', 'second, longer'));
  await again.flush();
  expect(statSync(file).ino).not.toBe(first.ino);
  expect((await store.load('/'))?.identity.toString()).toBe('second, longer');
  // The newest of several saves before a write wins.
  again.save(saved('/', 'third'));
  again.save(saved('/', 'fourth'));
  await again.flush();
  expect((await store.load('/'))?.identity.toString()).toBe('fourth');
});

it('makes its directory again when it was removed under it', async () => {
  const dir = path.join(tempDir(), 'copies');
  const logger = memoryLogger();
  const store = new LastGoodDisk({ dir, logger });
  store.save(saved('/a', 'a'));
  await store.flush();
  rmSync(dir, { recursive: true });
  store.save(saved('/b', 'b'));
  await store.flush();
  expect((await store.load('/b'))?.identity.toString()).toBe('b');
  expect(logger.lines.filter((line) => /last good copies/.test(line))).toEqual([]);
});

it('keeps the directory under its bound by removing the copies written longest ago', async () => {
  const dir = tempDir();
  const store = new LastGoodDisk({ dir, logger: memoryLogger(), maxBytes: 4_000 });
  const body = (n: number) => `${String(n).repeat(1_000)}`;
  for (const n of [1, 2, 3]) store.save(saved(`/p${n}`, body(n)));
  await store.flush();
  // Written long ago, in this order (another process's copies, say).
  for (const [i, n] of [1, 2, 3].entries()) {
    const when = new Date(Date.UTC(2026, 0, 1 + i));
    utimesSync(store.fileOf(`/p${n}`), when, when);
  }
  store.save(saved('/p4', body(4)));
  await store.flush();
  expect(await store.load('/p1')).toBeUndefined();
  for (const n of [2, 3, 4]) expect((await store.load(`/p${n}`))?.identity.toString()).toBe(body(n));
  const total = readdirSync(dir).reduce((sum, name) => sum + statSync(path.join(dir, name)).size, 0);
  expect(total).toBeLessThanOrEqual(4_000);
});

it('ignores a copy that does not read back whole, with a log line, and writes it again', async () => {
  const dir = tempDir();
  const logger = memoryLogger();
  const store = new LastGoodDisk({ dir, logger });
  const answer = saved('/feeds/headlines.atom', '<feed>whole</feed>');
  store.save(answer);
  await store.flush();
  const file = store.fileOf('/feeds/headlines.atom');
  const whole = readFileSync(file);

  writeFileSync(file, whole.subarray(0, whole.length - 3));
  expect(await store.load('/feeds/headlines.atom')).toBeUndefined();
  writeFileSync(file, Buffer.concat([whole.subarray(0, whole.length - 6), Buffer.from('BROKEN')]));
  expect(await store.load('/feeds/headlines.atom')).toBeUndefined();
  writeFileSync(file, 'not a copy at all\n{"path":');
  expect(await store.load('/feeds/headlines.atom')).toBeUndefined();
  expect(logger.lines.filter((line) => /last good copies: ignoring a copy that does not read back whole/.test(line))).toHaveLength(3);

  store.save(answer);
  await store.flush();
  expect(await store.load('/feeds/headlines.atom')).toEqual(answer);
});

it('a directory it cannot write to is logged once and never stops anything', async () => {
  const parent = tempDir();
  const blocker = path.join(parent, 'a-file');
  writeFileSync(blocker, 'not a directory');
  const logger = memoryLogger();
  // Under a file: mkdir and every write fail (as on a read-only or full disk; tests run as root, so modes would not).
  const store = new LastGoodDisk({ dir: path.join(blocker, 'copies'), logger });
  for (let i = 0; i < 5; i += 1) expect(() => store.save(saved(`/p${i}`, `page ${i}`))).not.toThrow();
  await store.flush();
  store.save(saved('/again', 'again'));
  await store.flush();
  expect(logger.lines.filter((line) => /last good copies: cannot write/.test(line))).toHaveLength(1);
  expect(await store.load('/p1')).toBeUndefined();
});
