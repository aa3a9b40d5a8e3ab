/**
 * Function words and the most generic words of trade-press copy: they say nothing about which story an item
 * tells, so they are dropped before shingling and before titles are compared. Kept short on purpose:
 * a word missing here costs a little precision, a word wrongly here costs recall.
 */
const STOPWORDS = new Set(`
a an the and or but nor of to in on at by for with from as into onto over under about after before since until
up down out off via per than then so such also too very just only even still yet again more most less least
is are was were be been being am it its this that these those there here has have had having do does did doing
will would shall should can could may might must not no yes if while both either neither each every all any some
other others another own same few many much several lot lots
i me my we us our you your he him his she her they them their who whom whose which what when where why how
new now today yesterday tomorrow week year month day said says say told according announced announces announce
one two three first second last next latest per cent percent
`.trim().split(/\s+/));

/** Strip accents, fold case, drop possessives: "VMware’s Querétaro" → "vmware queretaro". */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/'s\b/g, '')
    .replace(/'/g, '');
}

/**
 * A light English suffix stripper, so that a rewrite's "joins"/"joined"/"joining" and "price"/"prices" meet.
 * It only needs to be consistent, not linguistically right ("releas", "updat" are fine keys).
 */
export function stem(word: string): string {
  if (/\d/.test(word) || word.length <= 3) return word;
  let w = british(word);
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(?:ss|ch|sh|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|is)$/.test(w) && !(w.endsWith('us') && w.length > 4)) w = w.slice(0, -1);
  else if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** British spellings as American, so that "virtualisation" meets "virtualization" and "centre" meets "center". */
function british(word: string): string {
  if (word.length <= 5) return word;
  return word
    .replace(/isation(s?)$/, 'ization$1')
    .replace(/is(e|es|ed|ing|er|ers)$/, 'iz$1')
    .replace(/([^aeiou])tre(s?)$/, '$1ter$2')
    .replace(/^licenc/, 'licens');
}

// One compound the trade press writes three ways: "data centre", "data center", "datacenter".
const COMPOUNDS: readonly [RegExp, string][] = [[/\bdata[ -]?cent(?:er|re)(s?)\b/g, 'datacenter$1']];

// Words, and numbers with their decimal point or thousands separator kept: "6.9", "4,000" (→ "4000"), "h100".
const TOKEN = /[\p{L}\p{N}]+(?:[.,]\p{N}+\p{L}*)*/gu;

// A number glued to its unit is the number: "28MW" and "28 megawatts", "$6.4B" and "$6.4bn" meet at "28", "6.4".
const NUMBER_WITH_UNIT = /^(\d+(?:\.\d+)?)[a-z]+$/;

/**
 * Bounded memo tables: a story's words recur across the items compared with it, and stemming and folding a
 * word again costs more than a look-up. Cleared when full, so memory stays bounded in a long-running worker.
 */
class Memo<V> {
  readonly #entries = new Map<string, V>();
  constructor(private readonly limit: number) {}
  get(key: string, compute: (key: string) => V): V {
    const hit = this.#entries.get(key);
    if (hit !== undefined) return hit;
    const value = compute(key);
    if (this.#entries.size >= this.limit) this.#entries.clear();
    this.#entries.set(key, value);
    return value;
  }
}

const TOKENS = new Memo<string>(200_000);
const WORDS = new Memo<string[]>(100_000);
const DROPPED = '';

function token(raw: string): string {
  if (raw.length < 2 && !/\d/.test(raw)) return DROPPED;
  if (STOPWORDS.has(raw)) return DROPPED;
  return stem(NUMBER_WITH_UNIT.exec(raw)?.[1] ?? raw);
}

function push(out: string[], raw: string): void {
  const t = TOKENS.get(raw, token);
  if (t !== DROPPED) out.push(t);
}

const frozenTokens = (word: string): string[] => Object.freeze(tokenise(word)) as string[];

/** The content words of `text`, in order: folded, stemmed, stopwords and one-letter words dropped. */
export function contentTokens(text: string): string[] {
  // Single words (as entity detection asks for) are memoised whole; callers must not mutate the result.
  return text.length <= 32 ? WORDS.get(text, frozenTokens) : tokenise(text);
}

function tokenise(text: string): string[] {
  const out: string[] = [];
  let folded = fold(text);
  for (const [pattern, replacement] of COMPOUNDS) folded = folded.replace(pattern, replacement);
  for (const match of folded.matchAll(TOKEN)) {
    const raw = match[0];
    push(out, raw.includes(',') ? raw.replace(/,(?=\d{3}\b)/g, '') : raw);
  }
  return out;
}

/**
 * The content words of a text already split into words (each word's own tokens, in order), with the compounds the
 * trade press writes in two words joined as `contentTokens` joins them ("data center" → "datacenter").
 */
export function joinedTokens(wordTokens: readonly (readonly string[])[]): string[] {
  const out: string[] = [];
  for (const tokens of wordTokens) {
    for (const token of tokens) {
      if ((token === 'center' || token === 'centers') && out[out.length - 1] === 'data') out[out.length - 1] = token === 'center' ? 'datacenter' : 'datacenters';
      else out.push(token);
    }
  }
  return out;
}

/** Whether a folded word is a stopword (for callers that look at words before tokenising them). */
export function isStopword(word: string): boolean {
  return STOPWORDS.has(fold(word));
}

/** Whether a content token is a number or contains digits ("6.9", "h100", "2024"): titles that disagree on these tell different news. */
export function isNumeric(token: string): boolean {
  return /\d/.test(token);
}

/** Whether a token is only a number ("6", "2024", "6.9"), not a name with digits in it ("h100", "run0", "rc1"). */
export function isBareNumber(token: string): boolean {
  return /^[\d.]+$/.test(token);
}
