import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { Database, Timestamp } from './database.js';
import { isPostgres } from './search-index.js';

/** How search results are ordered: the newest story first, or the best match first (then the newest). */
export type SearchOrder = 'newest' | 'relevance';

/** A search over the index: every phrase must occur (a phrase of one word is that word, stemmed). */
export interface SearchItemsQuery {
  /** Plain text, each searched as a phrase in the database's own tokenizer; none may be empty. */
  phrases: readonly string[];
  limit: number;
  offset: number;
  order: SearchOrder;
}

/** The item that represents one story in the results: the story's best match. */
export interface SearchHitRow {
  itemId: number;
  storyId: number;
  /** Higher is better (bm25 on SQLite, ts_rank on PostgreSQL: comparable within one search only). */
  score: number;
  title: string;
  text: string;
  url: string | null;
  sourceId: string;
  sourceTitle: string | null;
  siteUrl: string | null;
  /** When the item is ordered at (the earlier of its date and when it was first seen). */
  sortAt: Timestamp | null;
  /** How many sources carried the story. */
  storySources: number;
}

/** One page of results and how many stories match in all. */
export interface SearchItemsPage {
  total: number;
  hits: SearchHitRow[];
}

/** Items matching the query, scored: an FTS5 MATCH of quoted strings, or a tsquery of phrases. */
function matched(db: Kysely<Database>, phrases: readonly string[]): RawBuilder<unknown> {
  if (isPostgres(db)) {
    const query = sql.join(phrases.map((p) => sql`phraseto_tsquery('feedloom_search', ${p})`), sql` && `);
    return sql`select s.item_id, ts_rank(s.document, q.query) as score
      from item_search s, (select ${query} as query) q where s.document @@ q.query`;
  }
  // Each phrase as an FTS5 string: every character but the quote is literal there, so no operator survives.
  const match = phrases.map((p) => `"${p.replace(/"/g, '""')}"`).join(' ');
  return sql`select rowid as item_id, -bm25(item_search, 10.0, 1.0, 2.0, 10.0) as score from item_search where item_search match ${match}`;
}

/** One hit per story (its best-scoring item), newest story first or best first; with the number of stories matching. */
export async function searchItems(db: Kysely<Database>, query: SearchItemsQuery): Promise<SearchItemsPage> {
  if (query.phrases.length === 0) return { total: 0, hits: [] };
  const order = query.order === 'relevance' ? sql`r.score desc, st.published_at desc, st.id desc` : sql`st.published_at desc, st.id desc`;
  // Materialised: SQLite may only run bm25() in the query that holds the MATCH, not inside the window below.
  const ranked = sql`with matched as materialized (${matched(db, query.phrases)}),
    ranked as (
      select m.item_id, i.story_id, m.score, row_number() over (partition by i.story_id order by m.score desc, m.item_id) as rn
      from matched m join items i on i.id = m.item_id where i.story_id is not null
    )`;
  const [rows, count] = await Promise.all([
    sql<{ item_id: number; story_id: number; score: number }>`${ranked}
      select r.item_id, r.story_id, r.score from ranked r join stories st on st.id = r.story_id
      where r.rn = 1 order by ${order} limit ${query.limit} offset ${query.offset}`.execute(db),
    sql<{ total: number | string }>`${ranked} select count(*) as total from ranked r join stories st on st.id = r.story_id where r.rn = 1`.execute(db),
  ]);
  const ids = rows.rows.map((r) => Number(r.item_id));
  if (ids.length === 0) return { total: Number(count.rows[0]?.total ?? 0), hits: [] };
  const items = await db.selectFrom('items')
    .innerJoin('sources', 'sources.id', 'items.source_id')
    .innerJoin('stories', 'stories.id', 'items.story_id')
    .select(['items.id', 'items.title', 'items.text', 'items.url', 'items.source_id', 'items.sort_at', 'sources.title as source_title', 'sources.site_url', 'stories.source_count'])
    .where('items.id', 'in', ids)
    .execute();
  const byId = new Map(items.map((item) => [Number(item.id), item]));
  const hits = rows.rows.flatMap((row) => {
    const item = byId.get(Number(row.item_id));
    if (item === undefined) return [];
    return [{
      itemId: Number(item.id), storyId: Number(row.story_id), score: Number(row.score), title: item.title, text: item.text, url: item.url,
      sourceId: item.source_id, sourceTitle: item.source_title, siteUrl: item.site_url, sortAt: item.sort_at, storySources: Number(item.source_count),
    }];
  });
  return { total: Number(count.rows[0]?.total ?? 0), hits };
}
