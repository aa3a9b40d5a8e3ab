/**
 * npm run bench:dedup — the cost of story assignment per new item as the store grows.
 *
 * For each database, and each store size: bulk-load N synthetic items (1,000 a day, so the 7-day window holds about
 * 7,000 of them whatever N is, as it would in a store that grows with time), with their stories and LSH band
 * keys; then record new items through `recordFetch` (the real path: insert, band-key lookup, verification,
 * story join or creation, all in the fetch's transaction), in rounds that visit every size in turn, and report
 * milliseconds per new item. Beside the
 * smallest size, a brute-force assignment that compares each new item with every item in its window, and how
 * often the two choose the same story.
 *
 * Defaults keep a run to a few minutes on a 2-core machine: sizes 10k and 100k, SQLite and PostgreSQL.
 * The full run of issue 5 (10k, 100k, 1M; about 25 minutes and 6 GB of disk):
 *   DEDUP_BENCH_SIZES=10000,100000,1000000 npm run bench:dedup
 * Other knobs: DEDUP_BENCH_DIALECTS=sqlite,postgres  DEDUP_BENCH_NEW=400  DEDUP_BENCH_BRUTE=40
 * PostgreSQL: FEEDLOOM_BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres); a throwaway
 * database is created and dropped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { bandKeys, decideStory, itemFeatures, MAX_TEXT_CHARS, parseSignature } from '../src/dedup/index.js';
import type { StoryCandidate } from '../src/dedup/index.js';
import {
  createDatabase, createPostgresDatabase, DEFAULT_DEDUP_WINDOW_MS, dropPostgresDatabase, guidKey, migrateToLatest, recordFetch, syncSources, withDatabaseName,
} from '../src/store/index.js';
import type { Database, DatabaseHandle, DialectName } from '../src/store/index.js';
import { syntheticItems } from './dedup-synthetic.js';
import type { SyntheticItem } from './dedup-synthetic.js';

const SIZES = (process.env['DEDUP_BENCH_SIZES'] ?? '10000,100000').split(',').map(Number).filter((n) => n > 0).sort((a, b) => a - b);
const DIALECTS = (process.env['DEDUP_BENCH_DIALECTS'] ?? 'sqlite,postgres').split(',') as DialectName[];
const NEW_ITEMS = Number(process.env['DEDUP_BENCH_NEW'] ?? 400);
const BRUTE_ITEMS = Number(process.env['DEDUP_BENCH_BRUTE'] ?? 40);
const PG_ADMIN = process.env['FEEDLOOM_BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SOURCES = 50;
const PER_DAY = 1_000;
const START = Date.parse('2023-01-01T00:00:00.000Z');
const FETCH_SIZE = 10;
/** New items recorded before the measured ones, unmeasured: compiled code and caches warm alike at every size. */
const WARM_UP = 30;
/** Rounds the measured items are recorded in, each visiting every size. */
const ROUNDS = 5;

interface Row {
  dialect: DialectName;
  size: number;
  loadSeconds: number;
  msPerItem: number;
  /** The same writes without story assignment (items without a signature): what clustering adds is the difference. */
  plainMsPerItem: number;
  joined: number;
  brute?: { msPerItem: number; agreement: number };
}

/** A fresh database of the dialect (the index tells apart the ones open at once); `dispose` closes and removes it. */
async function freshDatabase(dialect: DialectName, index: number): Promise<{ handle: DatabaseHandle; dispose(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const folder = mkdtempSync(path.join(tmpdir(), 'feedloom-dedup-bench-'));
    const handle = await createDatabase(`sqlite:${path.join(folder, 'bench.db')}`);
    // A large page cache: the bulk load inserts band keys in random order into a B-tree of millions of rows.
    await sql`pragma cache_size = -500000`.execute(handle.db);
    return { handle, dispose: async () => { await handle.close(); rmSync(folder, { recursive: true, force: true }); } };
  }
  const name = `feedloom_dedup_bench_${process.pid}_${index}`;
  const admin = await createDatabase(PG_ADMIN);
  await dropPostgresDatabase(admin.db, name).catch(() => undefined);
  await createPostgresDatabase(admin.db, name);
  const handle = await createDatabase(withDatabaseName(PG_ADMIN, name));
  return {
    handle,
    dispose: async () => { await handle.close(); await dropPostgresDatabase(admin.db, name); await admin.close(); },
  };
}

/** Split the synthetic stream: every item but `count` held back from the last days, which arrive as new items. */
function split(size: number): { stored: SyntheticItem[]; fresh: SyntheticItem[] } {
  const all = [...syntheticItems({ count: size + NEW_ITEMS, sources: SOURCES, perDay: PER_DAY, start: START, seed: 42, prefix: 'i' })];
  const tail = Math.min(all.length, NEW_ITEMS * 12);
  const stride = Math.max(1, Math.floor(tail / NEW_ITEMS));
  const held = new Set<number>();
  for (let i = all.length - tail; i < all.length && held.size < NEW_ITEMS; i += stride) held.add(i);
  return { stored: all.filter((_, i) => !held.has(i)), fresh: all.filter((_, i) => held.has(i)) };
}

/** Bulk-load items with explicit ids, their stories and band keys (not the measured path: fast inserts only). */
async function bulkLoad(db: Kysely<Database>, dialect: DialectName, items: SyntheticItem[]): Promise<void> {
  const storyOf = new Map<number, { id: number; at: number; count: number; sources: Set<string> }>();
  const BATCH = 1_000;
  for (let start = 0; start < items.length; start += BATCH * 20) {
    await db.transaction().execute(async (trx) => {
      for (let from = start; from < Math.min(items.length, start + BATCH * 20); from += BATCH) {
        const batch = items.slice(from, from + BATCH);
        const rows = batch.map((item, i) => {
          const id = from + i + 1;
          const story = storyOf.get(item.story) ?? { id, at: item.at, count: 0, sources: new Set<string>() };
          story.count += 1;
          story.sources.add(item.sourceId);
          storyOf.set(item.story, story);
          const at = new Date(item.at).toISOString();
          const r = item.record;
          return {
            id, source_id: item.sourceId, guid: r.guid, guid_key: r.guidKey, url: r.url, canonical_url: r.canonicalUrl, title: r.title,
            summary_html: r.summaryHtml, content_html: r.contentHtml, text: r.text, authors: '[]', categories: '[]', enclosures: '[]',
            published_at: at, first_seen_at: at, last_seen_at: at,
            sort_at: at, content_hash: r.contentHash, fingerprint: r.fingerprint ?? null, story_id: story.id,
          };
        });
        for (let i = 0; i < rows.length; i += 250) await trx.insertInto('items').values(rows.slice(i, i + 250)).execute();
        const bands = rows.flatMap((row) => {
          const signature = parseSignature(row.fingerprint);
          return signature === undefined ? [] : bandKeys(signature).map((key) => ({ band_key: key, sort_ms: Date.parse(row.sort_at), item_id: row.id }));
        });
        if (dialect === 'postgres') {
          await sql`insert into item_bands (band_key, sort_ms, item_id)
            select * from unnest(${bands.map((b) => b.band_key)}::bigint[], ${bands.map((b) => b.sort_ms)}::bigint[], ${bands.map((b) => b.item_id)}::bigint[])`.execute(trx);
        } else {
          for (let i = 0; i < bands.length; i += 5_000) await trx.insertInto('item_bands').values(bands.slice(i, i + 5_000)).execute();
        }
      }
    });
  }
  const stories = [...storyOf.values()];
  for (let i = 0; i < stories.length; i += 1_000) {
    await db.insertInto('stories').values(stories.slice(i, i + 1_000).map((s) => ({
      id: s.id, published_at: new Date(s.at).toISOString(), updated_at: new Date(s.at).toISOString(), item_count: s.count, source_count: s.sources.size,
    }))).execute();
  }
  if (dialect === 'postgres') {
    await sql`select setval(pg_get_serial_sequence('items', 'id'), (select max(id) from items))`.execute(db);
    await sql`vacuum analyze`.execute(db);
  } else {
    await sql`analyze`.execute(db);
    // Fold the bulk load's write-ahead log into the database now, not during the measured writes.
    await sql`pragma wal_checkpoint(truncate)`.execute(db);
  }
}

/** Brute force: compare a new item with every stored item in its window (features computed from stored text). */
async function bruteForce(db: Kysely<Database>, item: SyntheticItem): Promise<number | undefined> {
  const from = new Date(item.at - DEFAULT_DEDUP_WINDOW_MS).toISOString();
  const to = new Date(item.at + DEFAULT_DEDUP_WINDOW_MS).toISOString();
  const rows = await db.selectFrom('items')
    .select((eb) => ['id', 'source_id', 'story_id', 'canonical_url', 'title', eb.fn<string>('substr', ['text', eb.val(1), eb.val(MAX_TEXT_CHARS)]).as('text')])
    .where('sort_at', '>=', from).where('sort_at', '<=', to).execute();
  const candidates: StoryCandidate[] = rows.map((row) => ({
    itemId: Number(row.id), storyId: Number(row.story_id), sourceId: row.source_id, canonicalUrl: row.canonical_url, features: itemFeatures({ title: row.title, text: row.text }),
  }));
  const record = item.record;
  return decideStory({ sourceId: item.sourceId, canonicalUrl: record.canonicalUrl, features: itemFeatures(record) }, candidates).storyId;
}

/** Record the new items a fetch at a time (items of one source per fetch), timing only recordFetch. */
async function recordNew(db: Kysely<Database>, fresh: SyntheticItem[]): Promise<{ ms: number; ids: Map<string, number> }> {
  const bySource = new Map<string, SyntheticItem[]>();
  for (const item of fresh) bySource.set(item.sourceId, [...(bySource.get(item.sourceId) ?? []), item]);
  const startedAt = new Date(Math.max(...fresh.map((f) => f.at)) + 3_600_000).toISOString();
  const ids = new Map<string, number>();
  let ms = 0;
  for (const [sourceId, items] of bySource) {
    for (let i = 0; i < items.length; i += FETCH_SIZE) {
      const batch = items.slice(i, i + FETCH_SIZE);
      const t0 = performance.now();
      const recorded = await recordFetch(db, { sourceId, startedAt, durationMs: 1, status: 200, bytes: 1, notModified: false, nextFetchAt: null, items: batch.map((b) => b.record) });
      ms += performance.now() - t0;
      recorded.newItemIds.forEach((id, k) => ids.set(batch[k]?.record.guid ?? '', id));
    }
  }
  return { ms, ids };
}

/** One store, loaded and ready to take new items. */
interface Loaded {
  size: number;
  db: Kysely<Database>;
  dispose(): Promise<void>;
  fresh: SyntheticItem[];
  loadSeconds: number;
  ms: number;
  plainMs: number;
  ids: Map<string, number>;
}

/** The same item without a signature, under another guid and URL: stored like any item, but not clustered. */
function plain(item: SyntheticItem): SyntheticItem {
  const guid = `${item.record.guid}-plain`;
  const url = `${item.record.url ?? ''}-plain`;
  return { ...item, record: { ...item.record, guid, guidKey: guidKey(guid), url, canonicalUrl: url, fingerprint: null } };
}

async function load(dialect: DialectName, size: number, index: number): Promise<Loaded> {
  const { handle, dispose } = await freshDatabase(dialect, index);
  const db = handle.db;
  await migrateToLatest(db);
  await syncSources(db, Array.from({ length: SOURCES }, (_, i) => ({ id: `s${i}`, url: `https://outlet${i}.example/feed`, tags: [], enabled: true, priority: 0 })));
  const { stored, fresh } = split(size);
  const t0 = performance.now();
  await bulkLoad(db, dialect, stored);
  const loadSeconds = (performance.now() - t0) / 1000;
  await recordNew(db, fresh.slice(0, WARM_UP));
  return { size, db, dispose, fresh: fresh.slice(WARM_UP), loadSeconds, ms: 0, plainMs: 0, ids: new Map() };
}

/**
 * Load every size, then record the new items in rounds that visit each size in turn: the machine may be shared,
 * and interleaving spreads any slow spell over all sizes instead of charging it to one.
 */
async function runDialect(dialect: DialectName): Promise<Row[]> {
  const stores: Loaded[] = [];
  try {
    for (const [index, size] of SIZES.entries()) stores.push(await load(dialect, size, index));
    const smallest = stores[0];
    const brute = smallest === undefined || BRUTE_ITEMS <= 0 ? undefined : await (async () => {
      const sample = smallest.fresh.slice(0, BRUTE_ITEMS);
      const b0 = performance.now();
      const chosen = new Map<string, number | undefined>();
      for (const item of sample) chosen.set(item.record.guid, await bruteForce(smallest.db, item));
      return { ms: (performance.now() - b0) / sample.length, chosen };
    })();
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const store of stores) {
        const per = Math.ceil(store.fresh.length / ROUNDS);
        const slice = store.fresh.slice(round * per, (round + 1) * per);
        const { ms, ids } = await recordNew(store.db, slice);
        store.ms += ms;
        for (const [guid, id] of ids) store.ids.set(guid, id);
        store.plainMs += (await recordNew(store.db, slice.map(plain))).ms;
      }
    }
    const rows: Row[] = [];
    for (const store of stores) {
      const stories = await store.db.selectFrom('items').select(['id', 'story_id']).where('id', 'in', [...store.ids.values()]).execute();
      const storyOfId = new Map(stories.map((s) => [Number(s.id), Number(s.story_id)]));
      const joined = stories.filter((s) => Number(s.story_id) !== Number(s.id)).length / Math.max(1, stories.length);
      let agreement = 0;
      if (brute !== undefined && store === smallest) {
        for (const [guid, storyId] of brute.chosen) {
          const id = store.ids.get(guid) ?? -1;
          const lsh = storyOfId.get(id);
          if ((storyId === undefined && lsh === id) || storyId === lsh) agreement += 1;
        }
        agreement /= Math.max(1, brute.chosen.size);
      }
      rows.push({
        dialect, size: store.size, loadSeconds: store.loadSeconds, msPerItem: store.ms / store.fresh.length,
        plainMsPerItem: store.plainMs / store.fresh.length, joined,
        ...(brute !== undefined && store === smallest ? { brute: { msPerItem: brute.ms, agreement } } : {}),
      });
    }
    return rows;
  } finally {
    for (const store of stores) await store.dispose();
  }
}

const pad = (text: string | number, width: number) => String(text).padStart(width);
const rows: Row[] = [];
console.log(`dedup bench: ${NEW_ITEMS - WARM_UP} new items measured per run (after ${WARM_UP} unmeasured), ${PER_DAY} items/day stored (the 7-day window holds ~${PER_DAY * 7}), ${SOURCES} sources`);
console.log(`${'dialect'.padEnd(9)}${pad('stored', 9)}${pad('load s', 9)}${pad('ms/new item', 13)}${pad('vs smallest', 13)}`
  + `${pad('no clustering', 15)}${pad('clustering', 12)}${pad('vs smallest', 13)}${pad('joined', 8)}`);
for (const dialect of DIALECTS) {
  const mine = await runDialect(dialect);
  rows.push(...mine);
  const base = mine[0];
  const clustering = (row: Row) => row.msPerItem - row.plainMsPerItem;
  for (const row of mine) {
    console.log(`${dialect.padEnd(9)}${pad(row.size, 9)}${pad(row.loadSeconds.toFixed(1), 9)}${pad(row.msPerItem.toFixed(2), 13)}`
      + `${pad(`${(row.msPerItem / (base?.msPerItem ?? row.msPerItem)).toFixed(2)}x`, 13)}${pad(row.plainMsPerItem.toFixed(2), 15)}`
      + `${pad(clustering(row).toFixed(2), 12)}${pad(`${(clustering(row) / (base ? clustering(base) : clustering(row))).toFixed(2)}x`, 13)}`
      + `${pad(`${Math.round(row.joined * 100)}%`, 8)}`);
  }
}
for (const dialect of DIALECTS) {
  const mine = rows.filter((r) => r.dialect === dialect);
  const worst = Math.max(...mine.map((r) => r.msPerItem)) / Math.min(...mine.map((r) => r.msPerItem));
  const brute = mine.find((r) => r.brute !== undefined);
  console.log(`${dialect}: slowest/fastest ${worst.toFixed(2)}x across ${mine.map((r) => r.size).join(', ')} items (target <= 1.3x: ${worst <= 1.3 ? 'ok' : 'NOT MET'})`);
  if (brute?.brute && BRUTE_ITEMS > 0) {
    console.log(`${dialect}: brute force over the whole window at ${brute.size} items: ${brute.brute.msPerItem.toFixed(1)} ms/new item `
      + `(${(brute.brute.msPerItem / brute.msPerItem).toFixed(0)}x the LSH path, which includes the writes); same story chosen for ${Math.round(brute.brute.agreement * 100)}% of ${BRUTE_ITEMS} items`);
  }
}
