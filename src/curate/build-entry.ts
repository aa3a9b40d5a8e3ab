import type { CuratedEntry } from '../model/index.js';
import { sitePaths } from '../publish/site-paths.js';
import type { Source, StoryWithItems, TaggedItem } from '../store/index.js';

/** What entries are built from besides the story: the sources (for names and priority) and vendor names. */
export interface EntryContext {
  baseUrl: string;
  sources: ReadonlyMap<string, Source>;
  /** Vendor id → display name, in config order. */
  vendorNames: ReadonlyMap<string, string>;
}

/** An outlet's display name: its configured title, else its host. */
export function sourceTitle(source: Source | undefined, id: string): string {
  if (source?.title) return source.title;
  try {
    return source ? new URL(source.siteUrl ?? source.url).host.replace(/^www\./, '') : id;
  } catch {
    return id;
  }
}

/** The item that represents a story: from the highest-priority source, else the earliest. */
export function representative(story: StoryWithItems, sources: ReadonlyMap<string, Source>): TaggedItem {
  const [first, ...rest] = story.items;
  if (first === undefined) throw new Error(`story ${story.id} has no items`);
  const priority = (item: TaggedItem) => sources.get(item.sourceId)?.priority ?? 0;
  // story.items is oldest first, so keeping the first of equal priority keeps the earliest.
  return rest.reduce((best, item) => (priority(item) > priority(best) ? item : best), first);
}

/** The absolute URL of a story page: the stable id of a curated entry. */
export function storyUrl(baseUrl: string, storyId: number | string): string {
  const paths = sitePaths(baseUrl);
  return paths.absolute(paths.story(String(storyId)));
}

/** Build the entry a curated feed shows for one story: its representative item plus every outlet's coverage. */
export function buildEntry(story: StoryWithItems, context: EntryContext): CuratedEntry {
  const rep = representative(story, context.sources);
  const ordered = [rep, ...story.items.filter((i) => i !== rep)];
  const vendorIds = new Set(story.items.flatMap((i) => i.vendorIds));
  const mentionIds = new Set(story.items.flatMap((i) => [...i.vendorIds, ...i.mentionIds]));
  const source = context.sources.get(rep.sourceId);
  const updated = [story.updatedAt, rep.updatedAt ?? '', rep.firstSeenAt].reduce((a, b) => (b > a ? b : a));
  return {
    id: storyUrl(context.baseUrl, story.id),
    storyId: String(story.id),
    title: rep.title || '(untitled)',
    url: rep.url,
    summaryHtml: rep.summaryHtml,
    contentHtml: rep.contentHtml,
    published: story.publishedAt,
    updated: updated < story.publishedAt ? story.publishedAt : updated,
    authors: rep.authors,
    categories: rep.categories,
    enclosures: rep.enclosures,
    source: { id: rep.sourceId, title: sourceTitle(source, rep.sourceId), siteUrl: source?.siteUrl ?? null, feedUrl: source?.url ?? null },
    vendors: [...context.vendorNames].filter(([id]) => vendorIds.has(id)).map(([id, name]) => ({ id, name })),
    mentions: [...context.vendorNames].filter(([id]) => mentionIds.has(id)).map(([id, name]) => ({ id, name })),
    coverage: ordered.map((item) => ({
      source: item.sourceId,
      sourceTitle: sourceTitle(context.sources.get(item.sourceId), item.sourceId),
      url: item.url,
      id: item.guid,
      published: item.publishedAt,
      vendors: item.vendorIds,
      mentions: [...new Set([...item.vendorIds, ...item.mentionIds])],
    })),
  };
}
