/**
 * npx tsx scripts/eval-scale.ts — the story engine alone on the bench's generated news (bench/news-corpus.ts) at
 * real density, in minutes: the very engine ingest calls (assignStories, src/dedup) over a story port kept in
 * memory, with none of the fetching, parsing or SQL of `npm run bench:ingest`. Each source's items are one
 * assignment (as one fetch of a cold ingest is), sources one after another in the order asked. Prints the pairwise
 * precision and recall of the retellings merged, as bench:ingest does, and — with two orders — how far the stories
 * of one order agree with those of the other (order must not decide).
 *
 *   SCALE_SOURCES=300 (default)  SCALE_ORDERS=source,reverse (source | reverse | shuffle)
 *
 * Its scores track bench:ingest's closely (on 300 sources: 85.0% / 90.5% here, 84.5% / 90.5% through the CLI and
 * SQLite, same engine); the bench's are the ones to report. The item text is the feed's HTML with the tags
 * stripped, not the normaliser's output, and vendors (the tag stage) are not computed.
 */
import { newsCorpus } from '../bench/news-corpus.js';
import type { NewsItem } from '../bench/news-corpus.js';
import { assignStories, DEFAULT_DEDUP_WINDOW_MS, encodedFeaturesOf, storyFeatures } from '../src/dedup/index.js';
import type { KeyHit, KeyQuery, StoryInput, StoryMember, StoryPort } from '../src/model/story-port.js';

const SOURCES = Number(process.env['SCALE_SOURCES'] ?? 300);
const ORDERS = (process.env['SCALE_ORDERS'] ?? 'source').split(',');

interface Row { itemId: number; sourceId: string; atMs: number; url: string; features: Uint8Array; story: number; truth: number }
type Posting = { itemId: number; atMs: number };

/** The first index of a list sorted by instant whose instant is after `atMs`. */
function after(list: readonly Posting[], atMs: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid]?.atMs ?? 0) <= atMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A story port over plain maps: the key index, the items with their stories, story ids from a counter. */
function memoryStore(): { port: StoryPort; rows: Map<number, Row> } {
  const rows = new Map<number, Row>();
  const postings = new Map<number, Posting[]>();
  const members = new Map<number, Set<number>>();
  let nextStory = 1;
  const move = (itemId: number, story: number) => {
    const row = rows.get(itemId);
    if (row === undefined) return;
    members.get(row.story)?.delete(itemId);
    row.story = story;
    members.set(story, (members.get(story) ?? new Set()).add(itemId));
  };
  const port: StoryPort = {
    keyNeighbours(queries: readonly KeyQuery[], perSide: number): Promise<KeyHit[]> {
      const out: KeyHit[] = [];
      queries.forEach((q, query) => {
        const list = postings.get(q.key) ?? [];
        const split = after(list, q.atMs);
        for (let k = split - 1, n = 0; k >= 0 && n < perSide; k -= 1, n += 1) {
          const hit = list[k];
          if (hit === undefined || hit.atMs < q.fromMs) break;
          out.push({ query, ...hit });
        }
        for (let k = split, n = 0; k < list.length && n < perSide; k += 1, n += 1) {
          const hit = list[k];
          if (hit === undefined || hit.atMs > q.toMs) break;
          out.push({ query, ...hit });
        }
      });
      return Promise.resolve(out);
    },
    itemsWithUrls: () => Promise.resolve([]),
    storyMembers(itemIds: readonly number[], perStory: number): Promise<StoryMember[]> {
      const wanted = new Set(itemIds);
      const stories = new Set(itemIds.map((id) => rows.get(id)?.story).filter((s): s is number => s !== undefined && s > 0));
      const out: StoryMember[] = [];
      for (const story of stories) {
        const list = [...(members.get(story) ?? [])].map((id) => rows.get(id)).filter((r): r is Row => r !== undefined)
          .sort((a, b) => b.atMs - a.atMs || b.itemId - a.itemId);
        list.forEach((r, rank) => {
          if (rank < perStory || wanted.has(r.itemId)) out.push({ itemId: r.itemId, storyId: r.story, sourceId: r.sourceId, canonicalUrl: r.url, url: r.url, atMs: r.atMs, features: r.features });
        });
      }
      return Promise.resolve(out);
    },
    saveFeatures(list) {
      for (const f of list) {
        const row = rows.get(f.itemId);
        if (row === undefined) continue;
        row.features = f.features;
        for (const key of f.keys) {
          const posting = postings.get(key) ?? [];
          posting.splice(after(posting, f.atMs), 0, { itemId: f.itemId, atMs: f.atMs });
          postings.set(key, posting);
        }
      }
      return Promise.resolve();
    },
    staleItems: () => Promise.resolve([]),
    foundStories: (founders) => Promise.resolve(new Map(founders.map((f) => [f.itemId, nextStory++]))),
    setStories(assignments) {
      for (const [itemId, story] of assignments) move(itemId, story);
      return Promise.resolve();
    },
    mergeStories(merges) {
      for (const m of merges) for (const itemId of [...(members.get(m.from) ?? [])]) move(itemId, m.into);
      return Promise.resolve();
    },
    lockStories: () => Promise.resolve(),
    storiesOf: (ids) => Promise.resolve(new Map(ids.map((id) => [id, rows.get(id)?.story ?? 0]))),
    recountStories: () => Promise.resolve(),
    recordMatches: () => Promise.resolve(),
    forgetMatches: () => Promise.resolve(),
  };
  return { port, rows };
}

const textOf = (item: NewsItem) => `${item.title}\n\n${item.html.replace(/<\/p>/g, '\n\n').replace(/<[^>]+>/g, '')
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')}`;

/** Pairwise precision and recall of `predicted` against `truth` (both: item key → cluster). */
function pairwise(predicted: ReadonlyMap<string, number>, truth: ReadonlyMap<string, number>): { precision: number; recall: number } {
  const cell = new Map<string, number>();
  const p = new Map<number, number>();
  const t = new Map<number, number>();
  for (const [key, cluster] of predicted) {
    const label = truth.get(key) ?? -1;
    cell.set(`${cluster}:${label}`, (cell.get(`${cluster}:${label}`) ?? 0) + 1);
    p.set(cluster, (p.get(cluster) ?? 0) + 1);
    t.set(label, (t.get(label) ?? 0) + 1);
  }
  const pairs = (counts: Iterable<number>) => [...counts].reduce((n, c) => n + (c * (c - 1)) / 2, 0);
  const both = pairs(cell.values());
  return { precision: both / (pairs(p.values()) || 1), recall: both / (pairs(t.values()) || 1) };
}

const corpus = newsCorpus({ sources: SOURCES, perSource: 50, days: 21, end: Date.UTC(2026, 0, 22), retell: 0.15, seed: 20_260_101 });
const truth = new Map<string, number>();
for (const items of corpus.sources) for (const item of items) truth.set(item.guid, item.story);
console.log(`${SOURCES} sources × 50 items, ${corpus.retellings.toLocaleString('en')} retellings`);
const outcomes: Map<string, number>[] = [];
for (const order of ORDERS) {
  const started = performance.now();
  const { port, rows } = memoryStore();
  const sources = corpus.sources.map((items, source) => ({ source, items }));
  if (order === 'reverse') sources.reverse();
  if (order === 'shuffle') {
    let seed = 7;
    for (let i = sources.length - 1; i > 0; i -= 1) {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) & 0x7fffffff;
      const j = seed % (i + 1);
      [sources[i], sources[j]] = [sources[j] ?? sources[i], sources[i] ?? sources[j]] as [typeof sources[number], typeof sources[number]];
    }
  }
  let nextItem = 1;
  const guidOf = new Map<number, string>();
  for (const { source, items } of sources) {
    const inputs: StoryInput[] = items.map((item) => {
      const itemId = nextItem++;
      const text = textOf(item);
      const features = encodedFeaturesOf(storyFeatures({ title: item.title, text }));
      rows.set(itemId, { itemId, sourceId: `s${source}`, atMs: item.published, url: item.url, features, story: 0, truth: item.story });
      guidOf.set(itemId, item.guid);
      return { itemId, sourceId: `s${source}`, atMs: item.published, canonicalUrl: item.url, url: item.url, title: item.title, text, features };
    });
    await assignStories(port, inputs, [], { windowMs: DEFAULT_DEDUP_WINDOW_MS });
  }
  const stories = new Map([...rows.values()].map((r) => [guidOf.get(r.itemId) ?? '', r.story]));
  const score = pairwise(stories, truth);
  console.log(`  order ${order}: retellings merged with precision ${(score.precision * 100).toFixed(2)}%, recall ${(score.recall * 100).toFixed(2)}% (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  const first = outcomes[0];
  if (first !== undefined) {
    const agreement = pairwise(stories, first);
    console.log(`    against order ${ORDERS[0] ?? ''}: its merges ${(agreement.precision * 100).toFixed(2)}% shared, ${(agreement.recall * 100).toFixed(2)}% of the first's kept`);
  }
  outcomes.push(stories);
}
