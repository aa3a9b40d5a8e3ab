/**
 * The site the stale-if-error tests serve: one source (`a`), one feed, and the items of source `a` written as one
 * fetch, the way `run` would write them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { createDatabase, listItems, recordFetch, syncSources } from '../../src/store/index.js';
import type { Database } from '../../src/store/index.js';
import type { CliProcess } from '../scale/spawn-cli.js';
import { until } from '../scale/spawn-cli.js';
import { configuredSource, fetchOutcome, itemRecord } from '../store/builders.js';

/** A temporary directory with the site's `feeds.config.json` (site "Stale test"). */
export function staleSite(prefix: string): { dir: string; config: string } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const config = path.join(dir, 'feeds.config.json');
  writeFileSync(config, JSON.stringify({
    site: { title: 'Stale test', baseUrl: 'https://news.example' },
    sources: [{ id: 'a', url: 'https://a.example.org/feed.xml' }],
    feeds: [{ id: 'headlines', title: 'All headlines' }],
  }));
  return { dir, config };
}

const GUIDS = ['one', 'two', 'three'];

/** Source `a` serving one item per title (guids one, two, three, n3, …), written as one fetch started at `startedAt`. */
export async function writeItems(db: Kysely<Database>, titles: readonly string[], startedAt?: string): Promise<void> {
  await recordFetch(db, fetchOutcome('a', {
    ...(startedAt === undefined ? {} : { startedAt }),
    items: titles.map((title, i) => itemRecord(GUIDS[i] ?? `n${i}`, { title })),
  }));
}

/** The first fetch of source `a` into a new database: the stories of `titles`, newest first. */
export async function seedStories(db: Kysely<Database>, titles: readonly string[]): Promise<(number | null)[]> {
  await syncSources(db, [configuredSource('a')]);
  await writeItems(db, titles);
  return [...new Set((await listItems(db, { limit: 10 })).map((item) => item.storyId))];
}

/** A later fetch of source `a`, written through a connection of its own (as another process would). */
export async function publishItems(url: string, titles: readonly string[], startedAt: string): Promise<void> {
  const writer = await createDatabase(url);
  try {
    await writeItems(writer.db, titles, startedAt);
  } finally {
    await writer.close();
  }
}

/** Resolves with the URL of a `serve` of the site once every worker listens. */
export async function listening(serve: CliProcess, workers: number): Promise<string> {
  const pattern = workers > 1
    ? new RegExp(`serving Stale test on (http://127\\.0\\.0\\.1:\\d+) \\(${workers} workers\\)`)
    : /serving Stale test on (http:\/\/127\.0\.0\.1:\d+)/;
  await serve.waitForLog(pattern, 120_000);
  return pattern.exec(serve.stderr())?.[1] ?? '';
}

/** Holds once `check` held for six answers in a row (so from every worker, round-robin), within `timeoutMs`. */
export async function everyWorker(check: () => Promise<boolean>, serve: CliProcess, options: { timeoutMs: number }): Promise<void> {
  let streak = 0;
  await until(async () => {
    streak = (await check()) ? streak + 1 : 0;
    return streak >= 6;
  }, options.timeoutMs, serve.exited, () => serve.stderr());
}
