import { isRecurringColumn } from '../normalise/item-text.js';
import { withoutBoilerplate } from './boilerplate.js';
import { itemNames, wordsOf } from './entities.js';
import { bodyOf } from './item-body.js';
import { extractFigures } from './figures.js';
import { hashString, mix32 } from './hash.js';
import { contentTokens, isNumeric, joinedTokens } from './tokens.js';

/** Content words of the body compared (the lead and what follows it): the news is at the top, and the cost stays bounded. */
export const BODY_TOKENS = 200;
/** Content words that make the lead: the first sentence or two, where a telling states its event. */
export const LEAD_TOKENS = 40;
/** Shingle hashes kept per item: the smallest of them (a bottom-k sketch), enough to estimate shared text. */
export const SKETCH_SIZE = 64;
/** Names of the body (in the order the text uses them) that become index keys: the subjects come first. */
export const KEY_BODY_NAMES = 6;
/** Figures that become index keys. */
const KEY_AMOUNTS = 3;
/** Words of the headline that become index keys (its first ones: long headlines name their subject early). */
const KEY_TITLE_WORDS = 6;
/** Characters of the body that figures are read from: the lead paragraphs, where a telling states its numbers. */
const FIGURE_CHARS = 1_500;

/**
 * What the story engine compares an item by, computed once when the item is stored and kept in compact form
 * (see features-codec.ts). Every term is a 32-bit hash of a content token (folded, stemmed, stopwords out), so
 * the sets of two items meet on equal hashes; every array is sorted and without repeats.
 */
export interface StoryFeatures {
  /** Content words of the headline. */
  title: Uint32Array;
  /** Content words of the lead (the first LEAD_TOKENS of the body, boilerplate cut). */
  lead: Uint32Array;
  /** Content words of the body's opening (BODY_TOKENS, boilerplate cut), with `bodyCounts` their frequencies. */
  body: Uint32Array;
  bodyCounts: Uint8Array;
  /** Names in the headline: proper nouns, product names (see entities.ts). */
  titleNames: Uint32Array;
  /** Every name of the item, headline and body. */
  names: Uint32Array;
  /** Its subject: the first name of the headline, else of the body (who the news is about), hashed (none or one). */
  subjects: Uint32Array;
  /** Money, percentages and quantities of the headline and lead (figures.ts), hashed. */
  amounts: Uint32Array;
  /** Those of the headline alone. */
  titleAmounts: Uint32Array;
  /** Version numbers in the headline, hashed. */
  titleVersions: Uint32Array;
  /** Version numbers anywhere in the headline and lead, hashed. */
  versions: Uint32Array;
  /** CVE ids, hashed. */
  cves: Uint32Array;
  /** The vendors the item is about (tag stage), hashed: the subject of the news as the operator's dictionary names it. */
  about: Uint32Array;
  /** The headline's numbers, every one (single digits too), hashed. */
  titleNumbers: Uint32Array;
  /**
   * A hash of the headline without its numbers (0 when fewer than two words remain): "Vendor ships product 2"
   * and "Vendor ships product 3" have the same skeleton — a template, filled in twice.
   */
  skeleton: number;
  /** The same without the headline's names either (0 when fewer than two words remain): the template alone. */
  template: number;
  /** The SKETCH_SIZE smallest hashes of the body's 3-word shingles. */
  sketch: Uint32Array;
  /**
   * The item's index keys: what other items find it by. Its headline's words, the first KEY_BODY_NAMES names of
   * its body, and the figures of its headline and lead (hashed with their kind, so `money:40` is not the word
   * "40"). Two tellings of one event share some of these however differently they are worded.
   */
  keys: Uint32Array;
  /** How many distinct shingles the body has (for containment estimates). */
  shingleCount: number;
  /** The headline names a recurring column (roundup, digest, recap…): it lists several stories and tells none. */
  column: boolean;
  /** The kind of article its headline says it is (see `genreOf`). */
  genre: Genre;
}

/**
 * What kind of article a headline announces: news, or a piece written *about* the news — an interview, a review
 * or hands-on test, an opinion or analysis column. Such a piece names the products of that week's launch without
 * telling the launch: a different story.
 */
export type Genre = 'news' | 'interview' | 'review' | 'opinion';

const GENRES: readonly [Genre, RegExp][] = [
  ['interview', /\b(?:interview(?:ed|s)?|Q ?& ?A|in conversation with|sits? down with|talks? to us)\b/i],
  ['review', /\b(?:review(?:ed)?|hands[- ]on|first look|tested|we tried|tried out|benchmark(?:ed|s)?|how[- ]to|tutorial|walkthrough|deep[- ]dive)\b/i],
  ['opinion', /^(?:opinion|analysis|comment|commentary|column|editorial|viewpoint|perspective|op-ed)\b\s*[:|—–-]/i],
];

/** The genre a headline announces. */
export function genreOf(title: string): Genre {
  return GENRES.find(([, pattern]) => pattern.test(title))?.[0] ?? 'news';
}

/** What features are computed from: the plain-text title and text (which, from the normaliser, begins with the title). */
export interface FeatureInput {
  title: string;
  text: string;
  /** The vendors the item is about, when the tag stage ran (ids from the config's dictionary). */
  about?: readonly string[];
}

function sortedUnique(values: Iterable<number>): Uint32Array {
  const out = Uint32Array.from(new Set(values));
  out.sort();
  return out;
}

const hashAll = (tokens: Iterable<string>) => sortedUnique([...tokens].map(hashString));

/** The bottom-k sketch of the 3-word shingles of `hashes` (token hashes in order), and how many distinct shingles there were. */
function shingleSketch(hashes: readonly number[]): { sketch: Uint32Array; count: number } {
  const shingles = new Set<number>();
  if (hashes.length > 0 && hashes.length < 3) shingles.add(mix32(hashes.reduce((h, x) => mix32(h ^ x), 0x9e3779b9)));
  for (let i = 0; i + 3 <= hashes.length; i += 1) {
    shingles.add(mix32(mix32(mix32((hashes[i] ?? 0) ^ 0x51ed270b) ^ (hashes[i + 1] ?? 0)) ^ (hashes[i + 2] ?? 0)));
  }
  const all = Uint32Array.from(shingles);
  all.sort();
  return { sketch: all.slice(0, SKETCH_SIZE), count: shingles.size };
}

function skeletonOf(tokens: readonly string[]): number {
  const words = [...new Set(tokens.filter((t) => !isNumeric(t)))].sort();
  return words.length < 2 ? 0 : hashString(words.join(' '));
}

/** The story features of one item: deterministic, a pure function of its title and text. */
export function storyFeatures(item: FeatureInput): StoryFeatures {
  const body = withoutBoilerplate(bodyOf(item));
  const titleTokens = contentTokens(item.title);
  // The body is split into words once: for its names and for its content words.
  const bodyWords = wordsOf(body);
  const bodyTokens = joinedTokens(bodyWords.map((w) => w.tokens)).slice(0, BODY_TOKENS);
  const bodyHashes = bodyTokens.map(hashString);
  const counts = new Map<number, number>();
  for (const h of bodyHashes) counts.set(h, (counts.get(h) ?? 0) + 1);
  const bodySet = Uint32Array.from(counts.keys());
  bodySet.sort();
  const names = itemNames(item.title, bodyWords);
  const titleFigures = extractFigures(item.title);
  const leadFigures = extractFigures(`${item.title}\n${body.slice(0, FIGURE_CHARS)}`);
  const { sketch, count } = shingleSketch(bodyHashes);
  const bodyNames = [...names.body].filter((n) => !names.title.has(n)).slice(0, KEY_BODY_NAMES);
  const amounts = hashAll(leadFigures.amounts);
  return {
    title: hashAll(titleTokens),
    lead: sortedUnique(bodyHashes.slice(0, LEAD_TOKENS)),
    body: bodySet,
    bodyCounts: Uint8Array.from(bodySet, (h) => Math.min(255, counts.get(h) ?? 0)),
    titleNames: hashAll(names.title),
    names: hashAll([...names.title, ...names.body, ...names.capitalised]),
    subjects: hashAll([[...names.title].find((n) => !isNumeric(n)) ?? [...names.body].find((n) => !isNumeric(n))].filter((n): n is string => n !== undefined)),
    amounts,
    titleAmounts: hashAll(titleFigures.amounts),
    titleVersions: hashAll(titleFigures.versions),
    versions: hashAll(leadFigures.versions),
    cves: hashAll(leadFigures.cves),
    about: hashAll(item.about ?? []),
    titleNumbers: hashAll(titleTokens.filter(isNumeric)),
    skeleton: skeletonOf(titleTokens),
    template: skeletonOf(titleTokens.filter((t) => !names.title.has(t))),
    sketch,
    keys: sortedUnique([...titleTokens.slice(0, KEY_TITLE_WORDS).map(hashString), ...bodyNames.map(hashString), ...hashAll(leadFigures.amounts.slice(0, KEY_AMOUNTS))]),
    shingleCount: count,
    column: isRecurringColumn(item.title),
    genre: genreOf(item.title),
  };
}
