import type { Kysely } from 'kysely';
import { DEFAULT_DEDUP_WINDOW_MS, storyAssigner } from '../../src/dedup/index.js';
import type { StoryOptions } from '../../src/dedup/index.js';
import type { FetchRequest } from '../../src/fetch/index.js';
import { ingestSource } from '../../src/ingest/index.js';
import type { IngestSettings, Tagger } from '../../src/ingest/index.js';
import type { FetchResult } from '../../src/model/index.js';
import { itemVendorsOf, syncSources } from '../../src/store/index.js';
import type { Database } from '../../src/store/index.js';
import { renderFeed } from './eval-feeds.js';
import type { EvalItem, EvalOutlet, EvalSet } from './eval-set.js';
import { guidOf } from './eval-set.js';

/** How often the simulated scheduler polls every outlet. */
const POLL_MS = 6 * 3_600_000;

const SETTINGS: IngestSettings = {
  userAgent: 'feedloom-eval', timeoutMs: 5_000, maxBytes: 10_000_000, allowPrivateNetworks: true,
  defaultIntervalMs: POLL_MS, minIntervalMs: 60_000, maxIntervalMs: 86_400_000,
};

const feedUrl = (outletId: string) => `https://feeds.example/${outletId}`;

function response(url: string, body: string, contentType: string): FetchResult {
  const bytes = Buffer.from(body, 'utf8');
  return {
    url, finalUrl: url, status: 200, notModified: false, headers: { 'content-type': contentType }, contentType,
    etag: undefined, lastModified: undefined, body: bytes, wireBytes: bytes.length, durationMs: 1, redirects: [], permanentRedirect: undefined,
  };
}

/** How a set is ingested. */
export interface EvalIngestOptions {
  /**
   * `polled` (the default): every outlet is polled every 6 hours of simulated time, from before its first item to
   * after the last update, each poll serving the feed as it read at that instant (its newest 25 items).
   * `once`: one pass after the last update, each outlet serving every item it ever published — what a new
   * deployment pointed at these feeds does, and the hardest case for order: every story meets all its tellings
   * at once.
   */
  mode?: 'polled' | 'once';
  /** The order the outlets are fetched in within one poll (default: the set's order). */
  order?: (outlets: readonly EvalOutlet[]) => EvalOutlet[];
  /** How many outlets are fetched at once within one poll (default 1: one after the other, in `order`). */
  concurrency?: number;
  /** Story clustering options other than the window (threshold, model): what the fitting tool tries. */
  stories?: Omit<StoryOptions, 'windowMs'>;
}

/**
 * Run the real ingest path (parse, normalise, canonical URL, features, tagging, recordFetch with story
 * assignment) over the evaluation set, as `options.mode` says.
 */
export async function ingestEvalSet(db: Kysely<Database>, set: EvalSet, tagger: Tagger, options: EvalIngestOptions = {}): Promise<void> {
  await syncSources(db, set.outlets.map((o) => ({ id: o.id, url: feedUrl(o.id), title: o.title, tags: [], enabled: true, priority: 0 })));
  const instants = set.items.flatMap((i) => [Date.parse(i.published), ...(i.updates ?? []).map((u) => Date.parse(u.at))]);
  const end = Math.max(...instants) + POLL_MS;
  const start = options.mode === 'once' ? end : Math.floor(Math.min(...instants) / POLL_MS) * POLL_MS;
  const length = options.mode === 'once' ? Number.MAX_SAFE_INTEGER : undefined;
  const outlets = options.order?.(set.outlets) ?? set.outlets;
  const lastBody = new Map<string, string>();
  const stories = storyAssigner({ windowMs: DEFAULT_DEDUP_WINDOW_MS, ...options.stories });
  for (let time = start; time <= end; time += POLL_MS) {
    const due = outlets.flatMap((outlet) => {
      const feed = renderFeed(outlet, set.items, time, length);
      if (lastBody.get(outlet.id) === feed.body) return [];
      lastBody.set(outlet.id, feed.body);
      return [{ outlet, feed }];
    });
    const ingestOne = async ({ outlet, feed }: (typeof due)[number]) => {
      const fetch = (request: FetchRequest) => Promise.resolve(response(request.url, feed.body, feed.contentType));
      const result = await ingestSource(
        { id: outlet.id, url: feedUrl(outlet.id), etag: null, lastModified: null, errorCount: 0 },
        SETTINGS,
        { db, fetch, tagger, now: () => new Date(time), stories },
      );
      if (result.outcome !== 'ok') throw new Error(`${set.name}: ingest of ${outlet.id} failed: ${result.error?.message ?? result.outcome}`);
    };
    const width = Math.max(1, options.concurrency ?? 1);
    for (let i = 0; i < due.length; i += width) await Promise.all(due.slice(i, i + width).map(ingestOne));
  }
}

/** What the store made of one labelled item: its story, the vendors it is about and every vendor it names. */
export interface StoredOutcome {
  item: EvalItem;
  itemId: number;
  storyId: number;
  vendors: string[];
  mentions: string[];
}

/** Read back every labelled item's stored story and vendors (an unlabelled or missing item is an error). */
export async function storedOutcomes(db: Kysely<Database>, set: EvalSet): Promise<StoredOutcome[]> {
  const rows = await db.selectFrom('items').select(['id', 'source_id', 'guid', 'story_id']).execute();
  const vendors = await itemVendorsOf(db, rows.map((r) => Number(r.id)));
  const byKey = new Map(rows.map((r) => [`${r.source_id} ${r.guid}`, r]));
  if (rows.length !== set.items.length) throw new Error(`${set.name}: ${rows.length} items stored, ${set.items.length} labelled`);
  return set.items.map((item) => {
    const row = byKey.get(`${item.outlet} ${guidOf(item)}`);
    if (row === undefined || row.story_id === null) throw new Error(`${set.name}: item ${item.id} was not stored with a story`);
    const tags = vendors.get(Number(row.id));
    return { item, itemId: Number(row.id), storyId: Number(row.story_id), vendors: tags?.about ?? [], mentions: tags?.mentions ?? [] };
  });
}
