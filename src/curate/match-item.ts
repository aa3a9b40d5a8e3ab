import type { FeedMatch } from '../config/index.js';

/** What a curated-feed rule looks at in an item. */
export interface MatchableItem {
  title: string;
  text: string;
  sourceId: string;
  /** The vendors it is about. */
  vendorIds: readonly string[];
  /** Every vendor it names (passing mentions included). */
  mentionIds: readonly string[];
}

/** The result of checking one item against one rule: whether it matched, and why (or why not). */
export interface MatchVerdict {
  matches: boolean;
  reasons: string[];
}

/**
 * Check an item against a curated feed's rule. Every criterion that is given must hold; source, tag and
 * age criteria are applied by the database query, and are checked here again so that `explain` can say why.
 */
export function matchItem(match: FeedMatch, item: MatchableItem, allowedSources: ReadonlySet<string> | undefined): MatchVerdict {
  const reasons: string[] = [];
  let ok = true;
  const fail = (why: string) => {
    ok = false;
    reasons.push(why);
  };
  if (allowedSources !== undefined) {
    if (allowedSources.has(item.sourceId)) reasons.push(`source ${item.sourceId} is selected`);
    else fail(`source ${item.sourceId} is not among the selected sources`);
  }
  if (match.vendors.length > 0) {
    const hit = match.vendors.filter((v) => item.vendorIds.includes(v));
    if (hit.length > 0) reasons.push(`about ${hit.join(', ')}`);
    else fail(`about none of ${match.vendors.join(', ')}`);
  }
  if (match.vendorsAll.length > 0) {
    const missing = match.vendorsAll.filter((v) => !item.vendorIds.includes(v));
    if (missing.length === 0) reasons.push(`about all of ${match.vendorsAll.join(', ')}`);
    else fail(`not about ${missing.join(', ')}`);
  }
  if (match.mentions.length > 0) {
    const hit = match.mentions.filter((v) => item.mentionIds.includes(v) || item.vendorIds.includes(v));
    if (hit.length > 0) reasons.push(`names ${hit.join(', ')}`);
    else fail(`names none of ${match.mentions.join(', ')}`);
  }
  const haystacks = [item.title, item.text];
  if (match.keywords.length > 0) {
    const hit = match.keywords.find((k) => haystacks.some((h) => k.regex.test(h)));
    if (hit) reasons.push(`matches /${hit.source}/`);
    else fail(`matches none of the keywords`);
  }
  const excluded = match.exclude.find((k) => haystacks.some((h) => k.regex.test(h)));
  if (excluded) fail(`excluded by /${excluded.source}/`);
  return { matches: ok, reasons };
}
