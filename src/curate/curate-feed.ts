import type { Kysely } from 'kysely';
import type { Config, CuratedFeedConfig } from '../config/index.js';
import type { CuratedEntry, CuratedFeed } from '../model/index.js';
import { sitePaths } from '../routes/index.js';
import { getSources, recentItems, storiesWithItems } from '../store/index.js';
import type { Database, ItemCursor, StoryWithItems } from '../store/index.js';
import { buildEntry } from './build-entry.js';
import type { EntryContext } from './build-entry.js';
import { matchItem } from './match-item.js';

/** Items fetched per query while looking for matching stories. */
const PAGE = 500;
/** A rule that matches almost nothing must not scan the whole store on every render. */
const MAX_SCANNED = 20_000;

/** The source ids a rule allows, or undefined when it does not restrict sources. */
export function allowedSources(feed: CuratedFeedConfig, config: Config): Set<string> | undefined {
  const { sources, sourceTags } = feed.match;
  if (sources.length === 0 && sourceTags.length === 0) return undefined;
  return new Set(config.sources
    .filter((s) => sources.length === 0 || sources.includes(s.id))
    .filter((s) => sourceTags.length === 0 || s.tags.some((t) => sourceTags.includes(t)))
    .map((s) => s.id));
}

/** What entries for these stories are built with: the sources their items came from, and vendor names. */
async function entryContext(db: Kysely<Database>, config: Config, stories: readonly StoryWithItems[]): Promise<EntryContext> {
  const sources = await getSources(db, stories.flatMap((story) => story.items.map((item) => item.sourceId)));
  return { baseUrl: config.site.baseUrl, sources, vendorNames: new Map(config.vendors.map((v) => [v.id, v.name])) };
}

/** Curated entries for these stories, in their order. */
export async function entriesFor(db: Kysely<Database>, config: Config, stories: readonly StoryWithItems[]): Promise<CuratedEntry[]> {
  const context = await entryContext(db, config, stories);
  return stories.map((story) => buildEntry(story, context));
}

/** The story ids a curated feed lists, newest first: stories with at least one item matching its rule. */
export async function matchingStoryIds(db: Kysely<Database>, config: Config, feed: CuratedFeedConfig, now: Date): Promise<number[]> {
  const allowed = allowedSources(feed, config);
  const since = feed.match.maxAgeMs !== undefined ? new Date(now.getTime() - feed.match.maxAgeMs).toISOString() : undefined;
  const storyIds = new Set<number>();
  let after: ItemCursor | undefined;
  for (let scanned = 0; scanned < MAX_SCANNED && storyIds.size < feed.limit;) {
    const items = await recentItems(db, {
      limit: PAGE,
      ...(after ? { after } : {}),
      ...(allowed ? { sourceIds: [...allowed] } : {}),
      ...(feed.match.vendors.length > 0 ? { vendorIds: feed.match.vendors } : {}),
      ...(feed.match.mentions.length > 0 ? { mentionIds: feed.match.mentions } : {}),
      ...(since ? { since } : {}),
    });
    for (const item of items) {
      if (storyIds.size >= feed.limit) break;
      if (item.storyId !== null && matchItem(feed.match, item, allowed).matches) storyIds.add(item.storyId);
    }
    scanned += items.length;
    const last = items.at(-1);
    if (items.length < PAGE || last?.sortAt == null) break;
    after = { sortAt: last.sortAt, id: last.id };
  }
  return [...storyIds];
}

/** URLs of one curated feed's page and renderings (the site's URL scheme: routes/). */
export function feedUrls(baseUrl: string, id: string) {
  const paths = sitePaths(baseUrl);
  const at = (path: string) => paths.absolute(path);
  return {
    pageUrl: at(paths.feedPage(id)),
    feedUrls: { rss: at(paths.feedFile(id, 'rss')), atom: at(paths.feedFile(id, 'atom')), json: at(paths.feedFile(id, 'json')) },
  };
}

/** Render-ready model of one curated feed: one entry per story, newest first, at most `limit`. */
export async function curateFeed(db: Kysely<Database>, config: Config, feed: CuratedFeedConfig, now: Date = new Date()): Promise<CuratedFeed> {
  const ids = await matchingStoryIds(db, config, feed, now);
  const entries = (await entriesFor(db, config, await storiesWithItems(db, ids)))
    .sort((a, b) => (a.published < b.published ? 1 : a.published > b.published ? -1 : Number(b.storyId) - Number(a.storyId)));
  const updated = entries.reduce((max, e) => (e.updated > max ? e.updated : max), '');
  return {
    id: feed.id,
    title: feed.title,
    description: feed.description || config.site.description,
    language: config.site.language,
    ...feedUrls(config.site.baseUrl, feed.id),
    site: { title: config.site.title, url: sitePaths(config.site.baseUrl).absolute(sitePaths(config.site.baseUrl).home) },
    hubs: config.site.websub,
    // An empty feed has no natural date; a fixed one keeps renders (and their ETags) stable.
    updated: updated || '1970-01-01T00:00:00.000Z',
    entries,
  };
}
