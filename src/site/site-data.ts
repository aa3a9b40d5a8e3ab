import type { Kysely } from 'kysely';
import type { Config } from '../config/index.js';
import { entriesFor } from '../curate/index.js';
import type { CuratedEntry } from '../model/index.js';
import { plainName } from '../normalise/index.js';
import type { IngestStatus, OpmlInput, SiteInfo, SourceHealth } from '../publish/index.js';
import { itemCountsSince, listSources, storiesBetween, storiesWithItems } from '../store/index.js';
import type { Database } from '../store/index.js';

/** Stories per archive page. */
export const ARCHIVE_PAGE_SIZE = 50;

/** What every page knows about the site. */
export function siteInfo(config: Config): SiteInfo {
  const { title, baseUrl, description, language } = config.site;
  return { title, baseUrl, description, language, feeds: config.feeds.map((f) => ({ id: f.id, title: f.title })) };
}

/** How ingestion is doing, for empty states: the interval, the last attempt, and how many sources fail. */
export async function ingestStatus(db: Kysely<Database>, config: Config): Promise<IngestStatus> {
  const enabled = (await listSources(db)).filter((s) => s.enabled);
  const lastAttemptAt = enabled.reduce<string | null>((max, s) => (s.lastFetchAt && (!max || s.lastFetchAt > max) ? s.lastFetchAt : max), null);
  return {
    intervalMinutes: Math.round(config.schedule.defaultIntervalMs / 60_000),
    lastAttemptAt,
    sourcesTotal: enabled.length,
    sourcesFailing: enabled.filter((s) => s.errorCount > 0).length,
  };
}

/** Every enabled source with its health, in config order. */
export async function sourcesHealth(db: Kysely<Database>, config: Config, now: Date): Promise<SourceHealth[]> {
  const stored = new Map((await listSources(db)).map((s) => [s.id, s]));
  const counts = await itemCountsSince(db, new Date(now.getTime() - 7 * 86_400_000).toISOString());
  return config.sources.filter((s) => s.enabled).map((s) => {
    const row = stored.get(s.id);
    return {
      id: s.id,
      title: plainName(s.title) ?? row?.title ?? s.id,
      url: s.url,
      siteUrl: s.siteUrl ?? row?.siteUrl ?? null,
      lastSuccessAt: row?.lastSuccessAt ?? null,
      lastError: row?.lastError ? `${row.lastErrorCode ?? 'ERROR'}: ${row.lastError}` : null,
      errorCount: row?.errorCount ?? 0,
      items7d: counts.get(s.id) ?? 0,
    };
  });
}

/** The OPML source list. */
export function opmlInput(config: Config): OpmlInput {
  return {
    title: `${config.site.title}: sources`,
    sources: config.sources.filter((s) => s.enabled).map((s) => ({ id: s.id, title: plainName(s.title) ?? s.id, url: s.url, siteUrl: s.siteUrl ?? null, tags: s.tags })),
  };
}

/** The first instant of a month and of the month after it, as stored timestamps. */
export function monthRange(year: number, month: number): { from: string; to: string } {
  return { from: new Date(Date.UTC(year, month - 1, 1)).toISOString(), to: new Date(Date.UTC(year, month, 1)).toISOString() };
}

/** One page of a month of the archive: its entries and how many pages the month has (0 when it is empty). */
export async function archivePage(db: Kysely<Database>, config: Config, year: number, month: number, page: number) {
  const { from, to } = monthRange(year, month);
  const { ids, total } = await storiesBetween(db, { from, to, limit: ARCHIVE_PAGE_SIZE, offset: (page - 1) * ARCHIVE_PAGE_SIZE });
  return { entries: await entriesOf(db, config, ids), pages: Math.ceil(total / ARCHIVE_PAGE_SIZE) };
}

/** Curated entries for the given story ids, in that order. */
export async function entriesOf(db: Kysely<Database>, config: Config, storyIds: number[]): Promise<CuratedEntry[]> {
  return entriesFor(db, config, await storiesWithItems(db, storyIds));
}
