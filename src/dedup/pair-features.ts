import type { StoredFeatures } from './features-codec.js';
import { holds, sharedCount, sketchContainment } from './sorted-sets.js';
import { SKETCH_SIZE } from './story-features.js';
import type { StoryFeatures } from './story-features.js';
import { cosineOf, coverageOf, prepare, sharedWeightOf } from './weighted-sets.js';

/** An item as the story engine compares it: its stored features and what is known about where and when it was published. */
export interface StoryItem {
  stored: StoredFeatures;
  sourceId: string;
  /** The canonical URL (no fragment), and the fragment when the link had one: items of one page told apart by it. */
  canonicalUrl: string | null;
  fragment?: string | null;
  /** The instant it is ordered by, epoch ms. */
  atMs: number;
}

/**
 * The measured relation of two items, every value in [0, 1]: what the scorer (score.ts) weighs. Symmetric:
 * measuring (a, b) and (b, a) gives the same numbers, so the same pair gets the same verdict whichever came first.
 */
export interface PairFeatures {
  /** IDF-weighted cosine of the headlines' words. */
  titleCosine: number;
  /** IDF-weighted cosine of the leads' words. */
  leadCosine: number;
  /** tf·IDF cosine of the bodies. */
  bodyCosine: number;
  /**
   * Cosine of what the headline and lead say happened: their words without the names and numbers. Two items of
   * one company (its results, its outage) share the names and nothing of this; two tellings of one event share
   * some of it however differently they are worded.
   */
  eventCosine: number;
  /** The weaker direction of: the weighted share of one headline's words the other item uses anywhere. */
  titleCoverage: number;
  /** Weighted share of all their names the two have in common (over the union): both must be mostly the same names. */
  nameJaccard: number;
  /** Weighted share of the headlines' names that both headlines name (over the smaller headline's). */
  titleNameOverlap: number;
  /**
   * Evidence of the names both headlines-and-leads use: 1 - exp(-Σ idf / RARE_SCALE), so one rare name says more
   * than three common ones. Only the headline and lead count: a long body names many things in passing.
   */
  rareNames: number;
  /** Both headlines name something the other item never mentions (AWS vs Google, Taipei vs Mexico). */
  titleNameConflict: number;
  /** Evidence of the figures (money, percentages, quantities) both state: 1 - exp(-Σ idf / FIGURE_SCALE). */
  sharedAmounts: number;
  /** Both headlines state figures and neither states one of the other's. */
  titleAmountConflict: number;
  /** Estimated share of the smaller body's shingles that the other has (the same press-release text). */
  textContainment: number;
  /** How far apart in time, as a share of a week. */
  timeGap: number;
  sameSource: number;
  /** The same canonical URL, fragments agreeing. */
  sameUrl: number;
  /** One is news and the other an interview, review or opinion piece (or two different such genres). */
  genreDiffers: number;
  /**
   * Names alike and nothing else: the headline's names met in the other item, but no word of what happened and no
   * figure in common — two announcements of one company, not two tellings of one (titleCoverage × (1 - eventCosine)
   * × (1 - sharedAmounts)).
   */
  namesOnly: number;
  /** Each names a subject (first name of headline or body) that the other never mentions: two companies' news. */
  subjectNameConflict: number;
  /** Both are about a vendor of the dictionary, and about none in common: two vendors' news (Dell's vs Nvidia's, one keynote). */
  subjectConflict: number;
}

/**
 * Which way each feature may push the score: +1 evidence for one story, -1 evidence against, 0 either (the data
 * decides). The fitting tool keeps each weight on its side, so that a quirk of the labelled sets cannot turn a
 * conflict into evidence for a merge.
 */
export const FEATURE_SIGNS: Readonly<Record<keyof PairFeatures, -1 | 0 | 1>> = {
  titleCosine: 1, leadCosine: 1, bodyCosine: 1, eventCosine: 1, titleCoverage: 1, nameJaccard: 1, titleNameOverlap: 1, rareNames: 1,
  titleNameConflict: -1, sharedAmounts: 1, titleAmountConflict: -1, textContainment: 1, timeGap: -1, sameSource: 0, sameUrl: 1,
  genreDiffers: -1, subjectConflict: -1, subjectNameConflict: -1, namesOnly: -1,
};

/** The pair features in a fixed order, for the scorer's weight vector. */
export const PAIR_FEATURES: readonly (keyof PairFeatures)[] = [
  'titleCosine', 'leadCosine', 'bodyCosine', 'eventCosine', 'titleCoverage', 'nameJaccard', 'titleNameOverlap', 'rareNames', 'titleNameConflict',
  'sharedAmounts', 'titleAmountConflict', 'textContainment', 'timeGap', 'sameSource', 'sameUrl', 'genreDiffers',
  'subjectConflict', 'subjectNameConflict', 'namesOnly',
];

/** Vetoes: relations that make two items different news whatever else they share. */
export interface PairVetoes {
  /** A version number in one headline that the other item never states (6.10-rc2 vs rc3, 8.0u2 vs 8.0u3). */
  versionConflict: boolean;
  /** Both state CVE ids and share none. */
  cveConflict: boolean;
  /** Either is a recurring column (a roundup lists many stories and tells none). */
  column: boolean;
  /** One page's items told apart by their fragments (a changelog's #v1 and #v2). */
  fragmentConflict: boolean;
  /**
   * One headline template filled in with other numbers ("Vendor ships product 2" vs "… product 3"; "6.9" vs "6.10"),
   * or with other names that each item never mentions ("AWS opens region in Mexico" vs "… in Taiwan"; "X blames
   * faulty update for outage" vs "Y blames …").
   */
  templateConflict: boolean;
}

const WEEK_MS = 7 * 86_400_000;
/** Σ idf above the rarity floor at which shared names count as strong evidence: one or two rare names. */
const RARE_SCALE = 4;
/** Σ idf above the rarity floor at which shared figures count as strong evidence. */
const FIGURE_SCALE = 4;

/**
 * A version in one headline that the other item never states, while that one states versions of its own: "6.10-rc3"
 * against an item about rc2. One that states no version at all is not in conflict (a business telling of a launch
 * that leaves the version number to the technical one).
 */
function versionsConflict(a: StoryFeatures, b: StoryFeatures): boolean {
  const missing = (x: StoryFeatures, y: StoryFeatures) => y.versions.length > 0 && [...x.titleVersions].some((v) => !holds(y.versions, v));
  return missing(a, b) || missing(b, a);
}

/** Whether `x` names subjects and `y` mentions none of them anywhere. */
function strangers(x: StoryFeatures, y: StoryFeatures): boolean {
  return x.subjects.length > 0 && [...x.subjects].every((t) => !holds(y.names, t) && !holds(y.title, t) && !holds(y.body, t));
}

/** Measure two items against each other. */
export function measurePair(a: StoryItem, b: StoryItem): { features: PairFeatures; vetoes: PairVetoes } {
  const pa = prepare(a.stored);
  const pb = prepare(b.stored);
  const fa = pa.features;
  const fb = pb.features;
  const sameCanonical = a.canonicalUrl !== null && a.canonicalUrl === b.canonicalUrl;
  const fragmentsDiffer = sameCanonical && (a.fragment ?? '') !== (b.fragment ?? '');
  const unmatched = (x: StoryFeatures, y: StoryFeatures) => [...x.titleNames].some((n) => !holds(y.names, n) && !holds(y.title, n) && !holds(y.body, n));
  const sharedNames = sharedWeightOf(pa.names, pb.names);
  const union = pa.names.total + pb.names.total - sharedNames;
  const smallerTitleNames = Math.min(pa.titleNames.total, pb.titleNames.total);
  // Figures are index keys, so they carry weights too: "20%" is in many items, "$1.92bn" in few.
  const sharedFigures = sharedWeightOf(pa.amounts, pb.amounts);
  const titleAmountsMet = (x: StoryFeatures, y: StoryFeatures) => [...x.titleAmounts].some((v) => holds(y.amounts, v));
  const titleCoverage = Math.min(coverageOf(pa.title, fb.title, fb.body), coverageOf(pb.title, fa.title, fa.body));
  const eventCosine = cosineOf(pa.event, pb.event);
  const sharedAmounts = 1 - Math.exp(-sharedFigures / FIGURE_SCALE);
  return {
    features: {
      titleCosine: cosineOf(pa.title, pb.title),
      leadCosine: cosineOf(pa.lead, pb.lead),
      bodyCosine: cosineOf(pa.body, pb.body),
      eventCosine,
      titleCoverage,
      titleNameOverlap: smallerTitleNames === 0 ? 0 : Math.min(1, sharedWeightOf(pa.titleNames, pb.titleNames) / smallerTitleNames),
      nameJaccard: union <= 0 ? 0 : Math.min(1, sharedNames / union),
      rareNames: 1 - Math.exp(-sharedWeightOf(pa.leadNames, pb.leadNames) / RARE_SCALE),
      titleNameConflict: unmatched(fa, fb) && unmatched(fb, fa) ? 1 : 0,
      sharedAmounts,
      titleAmountConflict: fa.titleAmounts.length > 0 && fb.titleAmounts.length > 0 && !titleAmountsMet(fa, fb) && !titleAmountsMet(fb, fa) ? 1 : 0,
      textContainment: sketchContainment(fa.sketch, fa.shingleCount, fb.sketch, fb.shingleCount, SKETCH_SIZE),
      timeGap: Math.min(1, Math.abs(a.atMs - b.atMs) / WEEK_MS),
      sameSource: a.sourceId === b.sourceId ? 1 : 0,
      sameUrl: sameCanonical && !fragmentsDiffer ? 1 : 0,
      genreDiffers: fa.genre !== fb.genre ? 1 : 0,
      subjectNameConflict: strangers(fa, fb) && strangers(fb, fa) ? 1 : 0,
      namesOnly: titleCoverage * (1 - eventCosine) * (1 - sharedAmounts),
      subjectConflict: fa.about.length > 0 && fb.about.length > 0 && sharedCount(fa.about, fb.about) === 0 ? 1 : 0,
    },
    vetoes: {
      versionConflict: versionsConflict(fa, fb),
      cveConflict: fa.cves.length > 0 && fb.cves.length > 0 && sharedCount(fa.cves, fb.cves) === 0,
      column: fa.column || fb.column,
      fragmentConflict: fragmentsDiffer,
      templateConflict: (fa.skeleton !== 0 && fa.skeleton === fb.skeleton && (fa.titleNumbers.length > 0 || fb.titleNumbers.length > 0)
        && (fa.titleNumbers.length !== fb.titleNumbers.length || sharedCount(fa.titleNumbers, fb.titleNumbers) !== fa.titleNumbers.length))
        || (fa.template !== 0 && fa.template === fb.template && unmatched(fa, fb) && unmatched(fb, fa)),
    },
  };
}
