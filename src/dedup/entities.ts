import { contentTokens, isNumeric } from './tokens.js';

/** Month and day names are capitalised but name no one: "week of May 6" is not about an entity called May. */
const CALENDAR = new Set(contentTokens(`
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
`));

/**
 * Acronyms and tags that are written like names but name a kind of thing, a role, a period or a stock
 * exchange: two stories about different companies both say "AI", "GPU", "CEO", "Q1", "Inc." or "NYSE".
 */
const GENERIC = new Set(contentTokens(`
ai ml llm gpu gpus cpu cpus dpu tpu npu hpc api apis vm vms os it pc ssd hdd ram cdn vpn ssh dns sla lts ga
saas iaas paas faq ipo esg ceo cfo cto coo cio ciso svp evp vp us usa uk eu q1 q2 q3 q4 h1 h2 fy
inc corp ltd llc plc co nyse nasdaq
`));
const FISCAL_YEAR = /^fy\d{2,4}$/;

// Hyphenated words are judged part by part: "M-series" is the letter M and the word series.
const WORD = /[\p{L}\p{N}]+(?:[.,'’][\p{L}\p{N}]+)*/gu;
const CLOSERS = new Set(['"', "'", '”', '’', ')', ']']);
const WHITESPACE = /\s/u;

/**
 * Whether the word at `index` opens a sentence, judged from the six characters before it: nothing but whitespace
 * there, or a sentence end (. ! ?) followed only by closing quotes or brackets and whitespace. Then its capital
 * letter is only grammar.
 */
function opensSentence(text: string, index: number): boolean {
  const from = Math.max(0, index - 6);
  let k = index - 1;
  while (k >= from && WHITESPACE.test(text.charAt(k))) k -= 1;
  if (k < from) return true;
  while (k >= from && CLOSERS.has(text.charAt(k))) k -= 1;
  if (k < from) return false;
  const c = text.charAt(k);
  return c === '.' || c === '!' || c === '?';
}

const capitalised = (word: string) => /^\p{Lu}/u.test(word);
// "AWS", "vSphere", "ESXi", "H100", "6.9": the shape alone says it is a name or a number.
const marked = (word: string) => /\d/.test(word) || /.\p{Lu}/u.test(word);

/** What a word is whatever its place: its tokens and its shape, computed once per distinct word. */
interface Shape {
  /** Its content tokens. */
  tokens: readonly string[];
  capitalised: boolean;
  marked: boolean;
}

/** One occurrence of a word in a text. */
export interface Word extends Shape {
  text: string;
  /** First word of a sentence (or of the text): its capital letter means nothing. */
  initial: boolean;
}

const SHAPES_CACHED = 100_000;
const shapes = new Map<string, Shape>();

function shapeOf(word: string): Shape {
  const hit = shapes.get(word);
  if (hit !== undefined) return hit;
  const shape = { tokens: contentTokens(word), capitalised: capitalised(word), marked: marked(word) };
  if (shapes.size >= SHAPES_CACHED) shapes.clear();
  shapes.set(word, shape);
  return shape;
}

/** The words of a text, in order, each with its shape and whether it opens a sentence. */
export function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const shape = shapeOf(m[0]);
    out.push({ tokens: shape.tokens, capitalised: shape.capitalised, marked: shape.marked, text: m[0], initial: opensSentence(text, m.index) });
  }
  return out;
}
// A year or a one-digit count says little about which story a body tells.
const telling = (token: string) => !/^(?:\d|1[89]\d\d|20\d\d)$/.test(token);

/** Whether a name token is generic (an acronym of a kind of thing, a role, a period, an exchange). */
export function isGeneric(token: string): boolean {
  return GENERIC.has(token) || FISCAL_YEAR.test(token);
}

/** The names of an item. */
export interface ItemNames {
  /** In the headline: confident names only (see `itemNames`). */
  title: Set<string>;
  /** In the body, mid-sentence or by their shape. */
  body: Set<string>;
  /** Capitalised words the item never writes in lower case, wherever they stand, sentence starts included. */
  capitalised: Set<string>;
}

/**
 * The names an item uses: proper nouns, product names and numbers, as content tokens. A word is a name when its
 * shape says so ("AWS", "vSphere", "H100", "6.9"), or when it is capitalised where grammar does not ask for it:
 * inside a sentence, or inside a sentence-case headline. The first word of a headline, and every word of a
 * Title Case headline (which capitalises everything), are names only when the body also capitalises them
 * mid-sentence. A word the item also uses in lower case ("Cloud" in "Google Cloud … a cloud region"), month
 * and day names, and generic acronyms ("AI", "CEO", "Q1") are not names. `capitalised` is the looser set
 * (sentence starts count): "Nvidia" that opens every sentence it is in.
 */
export function itemNames(title: string | readonly Word[], body: string | readonly Word[]): ItemNames {
  const titleWords = typeof title === 'string' ? wordsOf(title) : title;
  const bodyWords = typeof body === 'string' ? wordsOf(body) : body;
  const all = [...titleWords, ...bodyWords];
  const lower = new Set<string>();
  for (const w of all) if (!w.capitalised && !w.marked) for (const t of w.tokens) lower.add(t);
  const isName = (token: string) => !lower.has(token) && !CALENDAR.has(token) && !isGeneric(token);
  const tokensOf = (word: Word) => word.tokens.filter((t) => !isGeneric(t));
  const bodyNames = new Set<string>();
  for (const word of bodyWords) {
    if (word.marked) for (const t of tokensOf(word)) bodyNames.add(t);
    else if (word.capitalised && !word.initial) for (const t of tokensOf(word)) if (isName(t)) bodyNames.add(t);
  }
  // Title Case capitalises every word of four letters or more; sentence case leaves common words in lower case.
  const long = titleWords.filter((w) => !w.marked && /^\p{L}{4,}/u.test(w.text) && w.tokens.length > 0);
  const titleCase = long.length >= 3 && long.every((w) => w.capitalised);
  const titleNames = new Set<string>();
  for (const word of titleWords) {
    if (word.marked) {
      for (const t of tokensOf(word)) titleNames.add(t);
    } else if (word.capitalised) {
      const grammatical = titleCase || word.initial;
      for (const t of tokensOf(word)) if (isName(t) && (!grammatical || bodyNames.has(t))) titleNames.add(t);
    }
  }
  const loose = new Set<string>();
  for (const w of all) if (w.capitalised || w.marked) for (const t of tokensOf(w)) if (isName(t)) loose.add(t);
  return {
    title: titleNames,
    body: new Set([...bodyNames].filter((t) => !isNumeric(t) || telling(t))),
    capitalised: new Set([...loose].filter((t) => !isNumeric(t))),
  };
}
