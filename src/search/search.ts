import type { Kysely } from 'kysely';
import { searchItems } from '../store/index.js';
import type { Database, SearchOrder } from '../store/index.js';
import type { SearchHit } from '../model/index.js';
import { Highlighter } from './highlight.js';
import { parseQuery } from './parse-query.js';

/** Results per page. */
export const SEARCH_PAGE_SIZE = 20;
/** The last page a search may ask for: deep pages cost a scan and nobody reads them. */
export const MAX_SEARCH_PAGE = 50;

/** What a search found, or why it did not run. */
export type SearchResult =
  | { ok: false; query: string; message: string }
  | { ok: true; query: string; order: SearchOrder; page: number; pages: number; total: number; hits: SearchHit[] };

/** Which page, in what order. */
export interface SearchOptions {
  page?: number;
  order?: SearchOrder;
  pageSize?: number;
}

/**
 * Full-text search over the stored items (title, text, source, vendors): one hit per story, newest story first
 * (or best match first), a page at a time. A query that cannot run comes back with a message, never as an error.
 */
export async function searchStories(db: Kysely<Database>, raw: string, options: SearchOptions = {}): Promise<SearchResult> {
  const parsed = parseQuery(raw);
  const query = raw.trim();
  if (!parsed.ok) return { ok: false, query, message: parsed.message };
  const page = options.page ?? 1;
  if (!Number.isInteger(page) || page < 1 || page > MAX_SEARCH_PAGE) {
    return { ok: false, query, message: `There is no page ${String(options.page)} (pages go from 1 to ${MAX_SEARCH_PAGE}).` };
  }
  const order = options.order ?? 'newest';
  const size = options.pageSize ?? SEARCH_PAGE_SIZE;
  const found = await searchItems(db, { phrases: parsed.phrases, limit: size, offset: (page - 1) * size, order });
  const highlighter = new Highlighter(parsed.words);
  const hits = found.hits.map((hit): SearchHit => ({
    storyId: hit.storyId,
    itemId: hit.itemId,
    title: highlighter.mark(hit.title.trim() || '(untitled)'),
    snippet: highlighter.snippet(hit.text),
    url: hit.url,
    source: { id: hit.sourceId, title: hit.sourceTitle ?? hit.sourceId, siteUrl: hit.siteUrl },
    published: hit.sortAt,
    storySources: hit.storySources,
  }));
  return { ok: true, query, order, page, pages: Math.min(MAX_SEARCH_PAGE, Math.ceil(found.total / size)), total: found.total, hits };
}
