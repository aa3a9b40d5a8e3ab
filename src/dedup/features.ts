import { bodyOf as itemBody, isRecurringColumn } from '../normalise/item-text.js';
import { withoutBoilerplate } from './boilerplate.js';
import { itemNames } from './entities.js';
import { hashString } from './hash.js';
import { contentTokens } from './tokens.js';

/** The words of a story shingle: three content words ("join linux foundat"), enough to be a phrase, few enough to survive rewording. */
export const SHINGLE_SIZE = 3;
/** Only the opening of a long body is compared: the news is in the lead, and the cost stays bounded. */
export const MAX_BODY_TOKENS = 200;
/**
 * Only this much of an item's text (title included) is read: well past MAX_BODY_TOKENS content words. The store
 * reads candidates' text cut to the same length, so an item's features are the same at ingest and as a candidate.
 */
export const MAX_TEXT_CHARS = 4000;

/** What an item's story is judged by: its title and its plain text (which, from the normaliser, begins with the title). */
export interface ItemText {
  title: string;
  text: string;
}

/** The comparable features of one item. */
export interface ItemFeatures {
  /** Content words of the title (stemmed, stopwords out). */
  titleTokens: ReadonlySet<string>;
  /** The headline's names: proper nouns, product names, numbers (see `itemNames`). */
  titleNames: ReadonlySet<string>;
  /** Capitalised words the item never writes in lower case, sentence starts included ("Nvidia reported…"). */
  capitalised: ReadonlySet<string>;
  /** Every name the item uses, headline and body, loosely: what candidates are found by. */
  names: ReadonlySet<string>;
  /** Every content word of the title and the body's opening, boilerplate cut. */
  words: ReadonlySet<string>;
  /** 32-bit hashes of the body's word shingles. */
  bodyShingles: ReadonlySet<number>;
  /** The headline names a recurring column (roundup, digest, recap…), not one story. */
  column: boolean;
}


/** The body of an item: its text without the title the normaliser put in front of it. */
export function bodyOf(item: ItemText): string {
  return itemBody({ title: item.title, text: item.text.slice(0, MAX_TEXT_CHARS) });
}

/** Hashes of the `SHINGLE_SIZE`-word shingles of `tokens`; a body shorter than one shingle is one shingle. */
export function shingles(tokens: readonly string[]): Set<number> {
  const out = new Set<number>();
  if (tokens.length === 0) return out;
  if (tokens.length < SHINGLE_SIZE) {
    out.add(hashString(tokens.join(' ')));
    return out;
  }
  for (let i = 0; i + SHINGLE_SIZE <= tokens.length; i += 1) {
    out.add(hashString(tokens.slice(i, i + SHINGLE_SIZE).join(' ')));
  }
  return out;
}

/** Compute the features of one item: deterministic, a few tens of microseconds for a typical item. */
export function itemFeatures(item: ItemText): ItemFeatures {
  const titleTokens = new Set(contentTokens(item.title));
  const body = withoutBoilerplate(bodyOf(item));
  const bodyTokens = contentTokens(body).slice(0, MAX_BODY_TOKENS);
  const names = itemNames(item.title, body);
  return {
    titleTokens,
    titleNames: names.title,
    capitalised: names.capitalised,
    names: new Set([...names.title, ...names.body, ...names.capitalised]),
    words: new Set([...titleTokens, ...bodyTokens]),
    bodyShingles: shingles(bodyTokens),
    // A roundup's words and text overlap each story it lists, yet it tells none of them.
    column: isRecurringColumn(item.title),
  };
}
