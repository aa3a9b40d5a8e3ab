import type { Kysely } from 'kysely';
import type { Config } from '../../config/index.js';
import { allowedSources, matchItem, matchingStoryIds } from '../../curate/index.js';
import { canonicalUrl, describeJudgement, describeVerdict, explainItem as explainStory } from '../../dedup/index.js';
import { UsageError } from '../../model/index.js';
import { findItems, itemsById, storiesWithItems, storyMatchOf, storyPort } from '../../store/index.js';
import type { Database, StoredItem, StoryWithItems } from '../../store/index.js';
import { EXIT } from '../command.js';
import type { Command } from '../command.js';
import { requireConfig } from '../context.js';
import { openDatabase } from '../database.js';

/** Candidate stories shown beside the item's own. */
const SHOWN_STORIES = 8;

const quote = (item: StoredItem) => `#${item.id} ${item.sourceId} "${item.title}"`;

function storyLines(item: StoredItem, story: StoryWithItems | undefined): string[] {
  if (story === undefined) return [`story: none (item ${item.id} has no story)`];
  const sources = new Set(story.items.map((i) => i.sourceId)).size;
  return [
    `story ${story.id}: ${story.items.length} item(s) from ${sources} source(s), published ${story.publishedAt}`,
    ...story.items.map((i) => `  ${i.id === item.id ? '*' : ' '} ${quote(i)}`),
  ];
}

async function decisionLines(db: Kysely<Database>, item: StoredItem): Promise<string[]> {
  const match = await storyMatchOf(db, item.id);
  if (match !== undefined) {
    const evidence = JSON.parse(match.evidence) as { members?: number };
    return [`why: joined at ${match.decidedAt} by rule ${match.rule}, mean probability ${match.score.toFixed(2)} over ${evidence.members ?? '?'} member(s); closest: item #${match.matchedItemId}`];
  }
  return ['why: it founded its story: no story within the dedup window matched it when it was stored (candidates below)'];
}

/** The item's candidates, found through the index and judged now, with its stored features and key weights. */
async function candidateLines(db: Kysely<Database>, item: StoredItem, windowMs: number): Promise<string[]> {
  const explanation = await explainStory(storyPort(db, { now: new Date().toISOString() }), item.id, { windowMs });
  if (explanation === undefined) return ['story features: none (the item was stored before story features; `feedloom migrate` computes them)'];
  const weighty = [...explanation.keys].sort((a, b) => b.weight - a.weight);
  const lines = [
    `index keys: ${explanation.keys.length} (headline words, body names, figures); window ±${windowMs / 3_600_000}h; `
      + `weights ${weighty.slice(0, 5).map((k) => k.weight.toFixed(1)).join(', ')}${weighty.length > 5 ? ', …' : ''} (rarer keys weigh more)`,
    explanation.judged.length === 0 ? 'candidates: none' : `candidate stories (join at a mean probability of ${explanation.threshold.toFixed(2)}):`,
  ];
  const shown = explanation.judged.slice(0, SHOWN_STORIES);
  const byId = new Map((await itemsById(db, shown.flatMap((j) => j.members.map((m) => m.itemId)))).map((i) => [i.id, i]));
  for (const judgement of shown) {
    lines.push(`  ${describeJudgement(judgement, explanation.threshold)}${judgement.storyId === item.storyId ? ' (its story)' : ''}`);
    for (const member of [...judgement.members].sort((a, b) => b.verdict.probability - a.verdict.probability).slice(0, 4)) {
      const other = byId.get(member.itemId);
      lines.push(`    ${other === undefined ? `#${member.itemId}` : quote(other)}`, `      ${describeVerdict(member.verdict)}`);
    }
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
    ...(await candidateLines(db, item, config.dedup.windowMs)),
    ...(await feedLines(db, config, story, now)),
  ];
}

/** `feedloom explain ID_OR_URL`: why an item is in its story, and in (or not in) each curated feed. */
export const explainCommand: Command = {
  name: 'explain',
  summary: 'Why an item is in its story, and in (or not in) each curated feed',
  usage: 'ID_OR_URL',
  description: `Names the item by its stored id (as \`feedloom export\` prints it), its guid, its URL or any URL with the same
canonical form. Prints its story and every item in it; the recorded reason it joined (the rule, the mean
same-story probability, the closest member) or that it founded the story; its candidate stories, found through the
story index and judged now exactly as ingest judges (each member's same-story probability and the measures behind
it); and for each curated feed whether the story is in it and by which rule, or why not. Exit 1 when no item matches.`,
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
