import { isArticleUrl } from './canonical-url.js';
import type { ItemFeatures } from './features.js';
import { isBareNumber } from './tokens.js';

/** An item as the story matcher sees it: its features, its source and its canonical URL. */
export interface Comparable {
  features: ItemFeatures;
  sourceId: string;
  canonicalUrl: string | null;
  /** Its headline is a recurring column's (a roundup, or a title its source repeats): it joins stories by URL only. */
  column?: boolean;
}

/** Everything measured between two items, kept so that `explain` can show it. */
export interface PairEvidence {
  sameUrl: boolean;
  sameSource: boolean;
  /** Either headline is a recurring column's ("Hosting news roundup: week of May 6"): its words and text span many stories. */
  column: boolean;
  /** Dice coefficient of the two titles' content words. */
  titleDice: number;
  /** The share of both headlines' words found anywhere in the other item (pooled over the two). */
  titleCoverage: number;
  /** The smaller of the two directions of titleCoverage. */
  titleCoverageMin: number;
  /** Names in either headline that the other item uses too. */
  sharedNames: string[];
  /** Body shingles both items have. */
  sharedShingles: number;
  /** sharedShingles over the smaller body's shingle count. */
  textContainment: number;
  /**
   * Names in each headline that the other item never mentions. Both non-empty is a conflict: AWS vs Google,
   * Taipei vs Mexico, CVE-…22252 vs …37085, "week of May 6" vs "week of May 13".
   */
  unmatchedNames: [string[], string[]];
  /**
   * Version-like names (a digit with a letter or a dot: "6.10", "rc3", "h100", "8.2") in either headline that the
   * other item never mentions. Even one-sided this is a conflict: the item that reports rc3 may mention rc2,
   * the one about rc2 cannot mention rc3.
   */
  unmatchedVersions: string[];
}

const VERSION = /^(?=.*\d)(?=.*[a-z.])[a-z0-9.]+$/;

/** Why two items were judged to tell one story. */
export type MatchRule = 'same-url' | 'repost' | 'same-text' | 'shared-text' | 'same-headline';

/** A judged pair: the rule that matched (none: not the same story), a score to rank matches by, the evidence. */
export interface PairVerdict {
  rule: MatchRule | undefined;
  score: number;
  evidence: PairEvidence;
}

/**
 * Thresholds. Chosen from first principles and then checked against the development half of the evaluation
 * set (test/dedup/fixtures/dev-set.json); the holdout half was written afterwards and is scored separately.
 * - same-text: most of the shorter body is the longer one's text (one press release on two wires).
 * - shared-text: a real share of the text (a quoted release paragraph, the same quotes), and no conflict.
 * - same-headline: each headline's words are, for the most part, in the other item, they share a name, and
 *   neither names something the other never mentions (AWS vs Google, Taipei vs Mexico, 6.9 vs 6.10).
 * - repost (same source, new guid): near-identical title and text.
 */
export const THRESHOLDS = {
  sameText: { containment: 0.6, shingles: 10 },
  sharedText: { containment: 0.25, shingles: 6 },
  sameHeadline: { coverage: 0.5, coverageMin: 0.3 },
  repost: { containment: 0.9, dice: 0.9 },
} as const;

function intersection<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): T[] {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  return [...small].filter((x) => large.has(x));
}


/** Measure two items against each other. */
export function measurePair(a: Comparable, b: Comparable): PairEvidence {
  const fa = a.features;
  const fb = b.features;
  const sharedTitle = intersection(fa.titleTokens, fb.titleTokens).length;
  const titleSizes = fa.titleTokens.size + fb.titleTokens.size;
  const sharedShingles = intersection(fa.bodyShingles, fb.bodyShingles).length;
  const smallerBody = Math.min(fa.bodyShingles.size, fb.bodyShingles.size);
  const coveredA = intersection(fa.titleTokens, fb.words).length;
  const coveredB = intersection(fb.titleTokens, fa.words).length;
  const share = (covered: number, size: number) => (size === 0 ? 0 : covered / size);
  return {
    sameUrl: isArticleUrl(a.canonicalUrl) && a.canonicalUrl === b.canonicalUrl,
    sameSource: a.sourceId === b.sourceId,
    column: a.column === true || b.column === true || fa.column || fb.column,
    titleDice: share(2 * sharedTitle, titleSizes),
    titleCoverage: share(coveredA + coveredB, titleSizes),
    titleCoverageMin: Math.min(share(coveredA, fa.titleTokens.size), share(coveredB, fb.titleTokens.size)),
    // A name either headline uses that the other item mentions; or a word both headlines use that both items
    // capitalise everywhere ("Nvidia", which opens every sentence it is in).
    sharedNames: [...new Set([
      ...intersection(fa.titleNames, fb.words), ...intersection(fb.titleNames, fa.words),
      ...intersection(fa.titleTokens, fb.titleTokens).filter((t) => fa.capitalised.has(t) && fb.capitalised.has(t)),
    ])].sort(),
    sharedShingles,
    textContainment: share(sharedShingles, smallerBody),
    unmatchedNames: [[...fa.titleNames].filter((t) => !fb.words.has(t)), [...fb.titleNames].filter((t) => !fa.words.has(t))],
    unmatchedVersions: [
      ...[...fa.titleNames].filter((t) => VERSION.test(t) && !fb.words.has(t)),
      ...[...fb.titleNames].filter((t) => VERSION.test(t) && !fa.words.has(t)),
    ],
  };
}

/** Whether the evidence says the two items are about different things, whatever their overlap. */
export function conflicts(evidence: PairEvidence): boolean {
  const [left, right] = evidence.unmatchedNames;
  return evidence.unmatchedVersions.length > 0 || (left.length > 0 && right.length > 0);
}

function ruleFor(e: PairEvidence): MatchRule | undefined {
  // Across outlets one URL is one article. Within one feed, a URL shared by items that neither read nor are
  // titled alike is a section page every item links to, not one article published twice.
  if (e.sameUrl && (!e.sameSource || e.titleDice >= 0.5 || e.textContainment >= 0.5)) return 'same-url';
  if (e.column) return undefined;
  if (e.sameSource) {
    const { containment, dice } = THRESHOLDS.repost;
    return e.textContainment >= containment && e.titleDice >= dice && !conflicts(e) ? 'repost' : undefined;
  }
  if (e.textContainment >= THRESHOLDS.sameText.containment && e.sharedShingles >= THRESHOLDS.sameText.shingles) return 'same-text';
  if (conflicts(e)) return undefined;
  if (e.textContainment >= THRESHOLDS.sharedText.containment && e.sharedShingles >= THRESHOLDS.sharedText.shingles) return 'shared-text';
  const { coverage, coverageMin } = THRESHOLDS.sameHeadline;
  const named = e.sharedNames.some((name) => !isBareNumber(name));
  if (named && e.titleCoverage >= coverage && e.titleCoverageMin >= coverageMin) return 'same-headline';
  return undefined;
}

// A canonical-URL match outranks shared text, which outranks headline evidence; within a rule, more overlap wins.
const RANK: Record<MatchRule, number> = { 'same-url': 4, repost: 3, 'same-text': 2, 'shared-text': 1, 'same-headline': 0 };

/** Judge whether two items tell the same story. */
export function comparePair(a: Comparable, b: Comparable): PairVerdict {
  const evidence = measurePair(a, b);
  const rule = ruleFor(evidence);
  const overlap = (evidence.textContainment + evidence.titleCoverage + evidence.titleDice) / 3;
  return { rule, score: rule === undefined ? 0 : RANK[rule] + overlap, evidence };
}
