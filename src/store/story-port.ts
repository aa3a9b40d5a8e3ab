import { PostgresAdapter, sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { StaleItem, StoryMatchRecord, StoryMember, StoryPort } from '../model/story-port.js';
import type { Database, Timestamp } from './database.js';
import { chunks } from './chunks.js';
import { deleteKeys, insertKeys, keyNeighbours } from './item-keys.js';
import { lockStories, lockStoryAssignment, recountStories } from './stories.js';

type Executor = Transaction<Database> | Kysely<Database>;

const BATCH = 500;
const iso = (ms: number) => new Date(Math.max(0, Math.min(ms, 8.64e15))).toISOString();

/** Story ids from their own counter: a sequence on PostgreSQL, a `site_state` row under SQLite's single writer. */
async function allocateStoryIds(db: Executor, count: number): Promise<number[]> {
  if (count === 0) return [];
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const rows = await sql<{ id: string | number }>`select nextval('story_ids') as id from generate_series(1, ${count})`.execute(db);
    return rows.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  }
  const row = await db.updateTable('site_state').set((eb) => ({ version: eb('version', '+', count) })).where('name', '=', 'story_ids')
    .returning('version').executeTakeFirstOrThrow();
  const last = Number(row.version);
  return Array.from({ length: count }, (_, i) => last - count + 1 + i);
}

/** Where each of these story ids lives now: itself, or the story it was merged into. */
export async function resolveStories(db: Executor, storyIds: readonly number[]): Promise<Map<number, number>> {
  const out = new Map(storyIds.map((id) => [id, id]));
  for (const batch of chunks([...new Set(storyIds)], BATCH)) {
    const rows = await db.selectFrom('story_redirects').select(['from_id', 'to_id']).where('from_id', 'in', batch).execute();
    for (const row of rows) out.set(Number(row.from_id), Number(row.to_id));
  }
  return out;
}

interface MemberRow {
  id: number | string;
  story_id: number | string;
  source_id: string;
  canonical_url: string | null;
  url: string | null;
  sort_at: string;
  data: Uint8Array | null;
}

/** The store's side of the story port (src/model/story-port.ts), over one transaction (or the database, for reads). */
export function storyPort(db: Executor, options: { now: Timestamp }): StoryPort {
  const forgetMatches = async (itemIds: readonly number[]): Promise<void> => {
    for (const batch of chunks(itemIds, BATCH)) await db.deleteFrom('story_matches').where('item_id', 'in', batch).execute();
  };
  return {
    keyNeighbours: (queries, perSide) => keyNeighbours(db, queries, perSide),

    async itemsWithUrls(urls, fromMs, toMs, perUrl) {
      const out: { itemId: number; canonicalUrl: string }[] = [];
      for (const batch of chunks(urls, BATCH)) {
        const rows = await db.selectFrom('items').select(['id', 'canonical_url'])
          .where('canonical_url', 'in', [...batch]).where('sort_at', '>=', iso(fromMs)).where('sort_at', '<=', iso(toMs))
          .orderBy('id').execute();
        const per = new Map<string, number>();
        for (const row of rows) {
          if (row.canonical_url === null) continue;
          const seen = per.get(row.canonical_url) ?? 0;
          if (seen >= perUrl) continue;
          per.set(row.canonical_url, seen + 1);
          out.push({ itemId: Number(row.id), canonicalUrl: row.canonical_url });
        }
      }
      return out;
    },

    async storyMembers(itemIds, perStory) {
      const out: StoryMember[] = [];
      for (const batch of chunks([...new Set(itemIds)], BATCH)) {
        const result = await sql<MemberRow>`
          select x.id, x.story_id, x.source_id, x.canonical_url, x.url, x.sort_at, f.data
          from (
            select i.id, i.story_id, i.source_id, i.canonical_url, i.url, i.sort_at,
              row_number() over (partition by i.story_id order by i.sort_at desc, i.id desc) as rank
            from items i
            where i.story_id in (select story_id from items where id in (${sql.join(batch)}) and story_id is not null)
          ) x
          left join item_features f on f.item_id = x.id
          where x.rank <= ${perStory} or x.id in (${sql.join(batch)})`.execute(db);
        for (const row of result.rows) {
          out.push({
            itemId: Number(row.id), storyId: Number(row.story_id), sourceId: row.source_id, canonicalUrl: row.canonical_url, url: row.url,
            atMs: Date.parse(row.sort_at), features: row.data === null ? new Uint8Array(0) : new Uint8Array(row.data),
          });
        }
      }
      return out;
    },

    async saveFeatures(rows) {
      if (rows.length === 0) return;
      // Rows of items filed before (rewritten items) go first; a new item has none.
      const refiled = rows.filter((r) => r.refile).map((r) => r.itemId);
      await deleteKeys(db, refiled);
      for (const batch of chunks(refiled, BATCH)) await db.deleteFrom('item_features').where('item_id', 'in', batch).execute();
      for (const batch of chunks(rows, 200)) {
        await db.insertInto('item_features').values(batch.map((r) => ({ item_id: r.itemId, data: Buffer.from(r.features.buffer, r.features.byteOffset, r.features.byteLength) }))).execute();
      }
      await insertKeys(db, rows);
    },

    async staleItems(version, sinceMs, afterId, limit) {
      // The first byte of the stored form is its version: compared as a one-byte blob (bytea), the same SQL on both.
      const firstByte = sql<Uint8Array>`substr(f.data, 1, 1)`;
      const rows = await db.selectFrom('items as i').leftJoin('item_features as f', 'f.item_id', 'i.id')
        .select(['i.id', 'i.source_id', 'i.sort_at', 'i.canonical_url', 'i.url', 'i.title', 'i.text'])
        .where('i.sort_at', '>=', iso(sinceMs)).where('i.id', '>', afterId)
        .where((eb) => eb.or([eb('f.item_id', 'is', null), eb(firstByte, '!=', Buffer.from([version]))]))
        .orderBy('i.id').limit(limit).execute();
      const about = new Map<number, string[]>();
      for (const batch of chunks(rows.map((r) => Number(r.id)), BATCH)) {
        const vendors = await db.selectFrom('item_vendors').select(['item_id', 'vendor_id']).where('item_id', 'in', batch).where('role', '=', 'about')
          .orderBy('item_id').orderBy('vendor_id').execute();
        for (const v of vendors) about.set(Number(v.item_id), [...(about.get(Number(v.item_id)) ?? []), v.vendor_id]);
      }
      return rows.map((r): StaleItem => ({
        itemId: Number(r.id), sourceId: r.source_id, atMs: r.sort_at === null ? sinceMs : Date.parse(r.sort_at), canonicalUrl: r.canonical_url, url: r.url,
        title: r.title, text: r.text, about: about.get(Number(r.id)) ?? [],
      }));
    },

    async foundStories(founders) {
      const ids = await allocateStoryIds(db, founders.length);
      const out = new Map<number, number>();
      founders.forEach((f, i) => out.set(f.itemId, ids[i] ?? 0));
      for (const batch of chunks(founders, BATCH)) {
        await db.insertInto('stories').values(batch.map((f) => ({
          id: out.get(f.itemId) ?? 0, published_at: iso(f.atMs), updated_at: options.now, item_count: 1, source_count: 1,
        }))).execute();
      }
      return out;
    },

    async setStories(assignments) {
      const targets = await resolveStories(db, [...new Set(assignments.values())]);
      const byStory = new Map<number, number[]>();
      for (const [itemId, storyId] of assignments) {
        const target = targets.get(storyId) ?? storyId;
        byStory.set(target, [...(byStory.get(target) ?? []), itemId]);
      }
      // One statement per batch of items, whatever the number of stories: story_id by a CASE over the item ids.
      const pairs = [...byStory].flatMap(([storyId, itemIds]) => itemIds.map((itemId) => [itemId, storyId] as const));
      for (const batch of chunks(pairs, 250)) {
        const cases = sql.join(batch.map(([itemId, storyId]) => sql`when ${itemId} then cast(${storyId} as bigint)`), sql` `);
        await db.updateTable('items').set({ story_id: sql<number>`case id ${cases} end` }).where('id', 'in', batch.map(([itemId]) => itemId)).execute();
      }
    },

    async mergeStories(merges) {
      for (const merge of merges) {
        const resolved = await resolveStories(db, [merge.from, merge.into]);
        const from = resolved.get(merge.from) ?? merge.from;
        const into = resolved.get(merge.into) ?? merge.into;
        // Already one (a concurrent writer merged them first): nothing to do.
        if (from === into) continue;
        await db.updateTable('items').set({ story_id: into }).where('story_id', '=', from).execute();
        await db.updateTable('story_redirects').set({ to_id: into }).where('to_id', '=', from).execute();
        await db.insertInto('story_redirects').values({ from_id: from, to_id: into, merged_at: options.now })
          .onConflict((oc) => oc.column('from_id').doUpdateSet({ to_id: into, merged_at: options.now })).execute();
        await db.deleteFrom('stories').where('id', '=', from).execute();
        await db.updateTable('site_state').set((eb) => ({ version: eb('version', '+', 1) })).where('name', '=', 'story_merges').execute();
      }
    },

    lockStories: (storyIds) => lockStories(db, storyIds),

    async storiesOf(itemIds) {
      const out = new Map<number, number>();
      for (const batch of chunks([...itemIds], BATCH)) {
        const rows = await db.selectFrom('items').select(['id', 'story_id']).where('id', 'in', batch).where('story_id', 'is not', null).execute();
        for (const row of rows) out.set(Number(row.id), Number(row.story_id));
      }
      return out;
    },

    async recountStories(storyIds) {
      const resolved = await resolveStories(db, storyIds);
      await recountStories(db, [...new Set(resolved.values())], options.now);
    },

    async recordMatches(rows: readonly StoryMatchRecord[]) {
      if (rows.length === 0) return;
      await forgetMatches(rows.map((r) => r.itemId));
      for (const batch of chunks(rows, 200)) {
        await db.insertInto('story_matches').values(batch.map((r) => ({
          item_id: r.itemId, matched_item_id: r.matchedItemId, rule: r.rule, score: r.score, evidence: r.evidence, decided_at: options.now,
        }))).execute();
      }
    },

    forgetMatches,
  };
}

/**
 * Run `work` on the story port of one transaction of its own that holds the story-assignment lock (see
 * `lockStoryAssignment`): for work on stories outside a fetch's write, such as refiling stale features.
 */
export async function withStoryPort<T>(db: Kysely<Database>, work: (port: StoryPort) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await lockStoryAssignment(trx);
    return work(storyPort(trx, { now: new Date().toISOString() }));
  });
}
