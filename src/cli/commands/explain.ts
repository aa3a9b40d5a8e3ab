import type { Kysely } from 'kysely';
import type { Config } from '../../config/index.js';
import { allowedSources, matchItem, matchingStoryIds } from '../../curate/index.js';
import {
  bandKeys, canonicalUrl, decideStory, describeBandKey, describeVerdict, estimatedSimilarity, itemFeatures, parseSignature,
} from '../../dedup/index.js';
import type { MatchRule, PairEvidence, StoryCandidate } from '../../dedup/index.js';
import { UsageError } from '../../model/index.js';
import { bandHits, findItems, itemsById, sharedBandKeys, storiesWithItems, storyMatchOf } from '../../store/index.js';
import type { Database, StoredItem, StoryWithItems } from '../../store/index.js';
import { EXIT } from '../command.js';
import type { Command } from '../command.js';
import { requireConfig } from '../context.js';
import { openDatabase } from '../database.js';

/** Candidates shown beside the story's own items. */
const SHOWN_CANDIDATES = 12;

const quote = (item: StoredItem) => `#${item.id} ${item.sourceId} "${item.title}"`;
const comparable = (item: StoredItem) => ({ features: itemFeatures(item), sourceId: item.sourceId, canonicalUrl: item.canonicalUrl });

function storyLines(item: StoredItem, story: StoryWithItems | undefined): string[] {
  if (story === undefined) return [`story: none (item ${item.id} has no story)`];
  const sources = new Set(story.items.map((i) => i.sourceId)).size;
  return [
    `story ${story.id}: ${story.items.length} item(s) from ${sources} source(s), published ${story.publishedAt}`,
    ...story.items.map((i) => `  ${i.id === item.id ? '*' : ' '} ${quote(i)}${i.id === story.id ? ' (founded the story)' : ''}`),
  ];
}

async function decisionLines(db: Kysely<Database>, item: StoredItem): Promise<string[]> {
  const match = await storyMatchOf(db, item.id);
  if (match !== undefined) {
    const verdict = { rule: match.rule as MatchRule, score: match.score, evidence: JSON.parse(match.evidence) as PairEvidence };
    return [`why: joined at ${match.decidedAt}, matching item #${match.matchedItemId}: ${describeVerdict(verdict)}`];
  }
  if (item.storyId === item.id) return ['why: it founded its story: no earlier item within the dedup window matched it (candidates below)'];
  return ['why: no recorded match (stored before story clustering, or without a signature)'];
}

/** The items that share band keys or the canonical URL with `item` within the window, plus its story's items, judged now. */
async function candidateLines(db: Kysely<Database>, item: StoredItem, story: StoryWithItems | undefined, windowMs: number): Promise<string[]> {
  const signature = parseSignature(item.fingerprint);
  if (signature === undefined) return ['band keys: none (no near-duplicate signature: the item was stored without one)'];
  const keys = bandKeys(signature);
  const at = Date.parse(item.sortAt ?? item.firstSeenAt);
  const hits = await bandHits(db, keys, { fromMs: at - windowMs, toMs: at + windowMs, atMs: at }, SHOWN_CANDIDATES + 1);
  const sameUrl = item.canonicalUrl === null ? [] : (await findItems(db, { text: item.canonicalUrl, canonicalUrl: item.canonicalUrl }, SHOWN_CANDIDATES))
    .filter((other) => Math.abs(Date.parse(other.sortAt ?? other.firstSeenAt) - at) <= windowMs);
  const ids = [...new Set([...hits.map((h) => h.itemId), ...sameUrl.map((i) => i.id), ...(story?.items ?? []).map((i) => i.id)])].filter((id) => id !== item.id);
  const others = await itemsById(db, ids);
  const shared = await sharedBandKeys(db, keys, ids);
  const candidates: StoryCandidate[] = others.map((o) => ({ ...comparable(o), itemId: o.id, storyId: o.storyId ?? o.id }));
  const decision = decideStory(comparable(item), candidates);
  const lines = [
    `band keys: ${keys.length} (${keys.filter((k) => describeBandKey(k).kind === 'names').length} from names, ${keys.filter((k) => describeBandKey(k).kind === 'body').length} from body shingles); window ±${windowMs / 3_600_000}h`,
    ...(decision.template ? ['  its headline repeats one its source used before: treated as a recurring column'] : []),
    others.length === 0 ? 'candidates: none' : 'candidates (items within the window sharing band keys or the canonical URL, and the story\'s items):',
  ];
  const byId = new Map(others.map((o) => [o.id, o]));
  for (const judged of decision.judged) {
    const other = byId.get(judged.itemId);
    if (other === undefined) continue;
    const keysShared = (shared.get(other.id) ?? []).map((k) => describeBandKey(k)).map((d) => `${d.kind}#${d.band}`);
    const otherSignature = parseSignature(other.fingerprint);
    const estimate = otherSignature === undefined ? undefined : estimatedSimilarity(signature, otherSignature);
    lines.push(
      `  ${quote(other)} [story ${judged.storyId}]`,
      `    keys shared: ${keysShared.length > 0 ? keysShared.join(', ') : 'none'}${other.canonicalUrl !== null && other.canonicalUrl === item.canonicalUrl ? '; same canonical URL' : ''}`
        + (estimate === undefined ? '' : `; estimated Jaccard: names ${estimate.names.toFixed(2)}, body ${estimate.body.toFixed(2)}`),
      `    ${describeVerdict(judged.verdict)}`,
    );
  }
  return lines;
}

async function feedLines(db: Kysely<Database>, config: Config, story: StoryWithItems | undefined, now: Date): Promise<string[]> {
  if (story === undefined) return [];
  const lines = ['curated feeds:'];
  for (const feed of config.feeds) {
    const allowed = allowedSources(feed, config);
    const since = feed.match.maxAgeMs === undefined ? undefined : new Date(now.getTime() - feed.match.maxAgeMs).toISOString();
    const verdicts = story.items.map((i) => {
      const verdict = matchItem(feed.match, i, allowed);
      if (since !== undefined && (i.sortAt ?? '') < since) return { item: i, matches: false, reasons: [...verdict.reasons, 'older than the feed\'s maxAge'] };
      return { item: i, ...verdict };
    });
    const matching = verdicts.find((v) => v.matches);
    const listed = (await matchingStoryIds(db, config, feed, now)).includes(story.id);
    if (listed && matching !== undefined) {
      lines.push(`  ${feed.id}: in — by item #${matching.item.id}: ${matching.reasons.join(', ') || 'the feed takes every item'}`);
    } else if (matching !== undefined) {
      lines.push(`  ${feed.id}: not in — item #${matching.item.id} matches (${matching.reasons.join(', ') || 'every item'}), but the story is not among the ${feed.limit} newest the feed lists`);
    } else {
      // Items failing for the same reasons are listed together: a story's items usually fail alike.
      const byReason = new Map<string, number[]>();
      for (const v of verdicts) {
        const why = v.reasons.filter((r) => /not|none|excluded|older/.test(r)).join('; ');
        byReason.set(why, [...(byReason.get(why) ?? []), v.item.id]);
      }
      lines.push(`  ${feed.id}: not in — no item of the story matches:`, ...[...byReason].map(([why, ids]) => `    ${ids.map((id) => `#${id}`).join(' ')}: ${why}`));
    }
  }
  return lines;
}

/** Everything `explain` says about one item. */
async function explainItem(db: Kysely<Database>, config: Config, item: StoredItem, now: Date): Promise<string[]> {
  const story = item.storyId === null ? undefined : (await storiesWithItems(db, [item.storyId]))[0];
  return [
    `item ${quote(item)}`,
    `  guid ${item.guid}; published ${item.publishedAt ?? 'undated'}; first seen ${item.firstSeenAt}`,
    `  url ${item.url ?? 'none'}; canonical ${item.canonicalUrl ?? 'none'}`,
    ...storyLines(item, story),
    ...(await decisionLines(db, item)),
    ...(await candidateLines(db, item, story, config.dedup.windowMs)),
    ...(await feedLines(db, config, story, now)),
  ];
}

/** `feedloom explain ID_OR_URL`: why an item is in its story, and in (or not in) each curated feed. */
export const explainCommand: Command = {
  name: 'explain',
  summary: 'Why an item is in its story, and in (or not in) each curated feed',
  usage: 'ID_OR_URL',
  description: `Names the item by its stored id (as \`feedloom export\` prints it), its guid, its URL or any URL with the same
canonical form. Prints its story and every item in it; the recorded reason it joined (the item it matched, the rule
and the measures) or that it founded the story; the items that share its near-duplicate band keys or canonical URL
within the dedup window, each judged now with the keys they share and the estimated and measured similarity; and
for each curated feed whether the story is in it and by which rule, or why not. Exit 1 when no item matches.`,
  options: {},
  async run(args, io) {
    const [reference, ...extra] = args.positionals;
    if (reference === undefined || extra.length > 0) throw new UsageError('explain: give one item: its id, guid or URL');
    const config = await requireConfig(io);
    const handle = await openDatabase(io);
    try {
      const canonical = canonicalUrl(reference);
      const items = await findItems(handle.db, {
        ...(/^\d+$/.test(reference) ? { id: Number(reference) } : {}), text: reference, ...(canonical !== undefined ? { canonicalUrl: canonical } : {}),
      });
      if (items.length === 0) {
        io.stderr.write(`explain: no stored item has the id, guid or URL ${reference}\n`);
        return EXIT.failed;
      }
      const now = new Date();
      const blocks: string[] = [];
      for (const item of items) blocks.push((await explainItem(handle.db, config, item, now)).join('\n'));
      io.stdout.write(`${blocks.join('\n\n')}\n`);
      return EXIT.ok;
    } finally {
      await handle.close();
    }
  },
};
