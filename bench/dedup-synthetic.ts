/**
 * Synthetic news for the dedup benchmark: stories told by one to four outlets, in text shaped like trade-press
 * items (capitalised names with a skewed popularity, as "AWS" or "VMware" are; product names with digits;
 * shared press-release sentences between tellings), spread evenly in time. Deterministic for a given seed.
 */
import { createHash } from 'node:crypto';
import { canonicalUrl, fingerprintOf } from '../src/dedup/index.js';
import type { ItemRecord } from '../src/store/index.js';

/** Mulberry32: a small, fast, seeded PRNG. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ra', 'tu', 'vex', 'dor', 'zan', 'pri', 'sol', 'gar', 'quo', 'bel', 'fin', 'hy', 'ost', 'wen'];
const VERBS = ['launches', 'acquires', 'patches', 'expands', 'opens', 'raises', 'cuts', 'ships', 'delays', 'joins', 'sues', 'upgrades'];

function word(rand: () => number, syllables: number): string {
  return Array.from({ length: syllables }, () => SYLLABLES[Math.floor(rand() * SYLLABLES.length)] ?? 'ka').join('');
}

/** The vocabulary: 4,000 names (Zipf-popular: a few are in many stories) and 20,000 ordinary words. */
export interface Vocabulary {
  /** A name drawn by popularity: "AWS" comes up far more often than "Querétaro". */
  name(rand: () => number): string;
  /** A name drawn evenly from the less popular ones: what makes one story different from another. */
  rareName(rand: () => number): string;
  words(rand: () => number, count: number): string;
}

export function vocabulary(seed: number): Vocabulary {
  const rand = random(seed);
  const names = Array.from({ length: 4_000 }, (_, i) => {
    const base = word(rand, 2 + Math.floor(rand() * 2));
    const name = base.charAt(0).toUpperCase() + base.slice(1);
    return i % 7 === 0 ? `${name}${Math.floor(rand() * 900) + 100}` : name;
  });
  const plain = Array.from({ length: 20_000 }, () => word(rand, 3 + Math.floor(rand() * 2)));
  // Zipf (s = 1) over name ranks by inverse transform on the harmonic CDF, precomputed.
  const cdf: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= names.length; rank += 1) cdf.push((total += 1 / rank));
  return {
    name(r) {
      const target = r() * total;
      let lo = 0;
      let hi = cdf.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((cdf[mid] ?? 0) < target) lo = mid + 1;
        else hi = mid;
      }
      return names[lo] ?? 'Name';
    },
    rareName(r) {
      return names[200 + Math.floor(r() * (names.length - 200))] ?? 'Name';
    },
    words(r, count) {
      return Array.from({ length: count }, () => plain[Math.floor(r() * plain.length)] ?? 'word').join(' ');
    },
  };
}

/** One synthetic item, ready for the store, with the story it belongs to and its instant. */
export interface SyntheticItem {
  sourceId: string;
  record: ItemRecord;
  story: number;
  at: number;
}

/** A story: its names and the press-release sentences its tellings share. */
interface Story {
  names: string[];
  sentences: string[];
}

function story(vocab: Vocabulary, rand: () => number): Story {
  // Who the story is about (often a popular name), and the specifics that tell it apart (rarer names).
  const names = [vocab.name(rand), vocab.rareName(rand), vocab.rareName(rand), vocab.name(rand)];
  const pick = () => names[Math.floor(rand() * names.length)] ?? '';
  const sentence = () => `The ${vocab.words(rand, 5)} ${pick()} ${vocab.words(rand, 7)} ${pick()} ${vocab.words(rand, 4)}.`;
  return { names, sentences: Array.from({ length: 4 }, sentence) };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function telling(vocab: Vocabulary, rand: () => number, s: Story, key: string): { title: string; body: string } {
  const [subject, specific, detail] = s.names;
  const verb = VERBS[Math.floor(rand() * VERBS.length)] ?? 'ships';
  // Tellings reword the headline: the subject and one specific name stay, the ordinary words vary.
  const title = rand() < 0.5
    ? `${subject ?? ''} ${verb} ${vocab.words(rand, 2)} ${specific ?? ''} ${vocab.words(rand, 2)}`
    : `${specific ?? ''} ${vocab.words(rand, 3)} as ${subject ?? ''} ${verb} ${detail ?? ''}`;
  const shared = s.sentences.filter(() => rand() < 0.5);
  const own = `The ${vocab.words(rand, 6)} ${vocab.name(rand)} ${vocab.words(rand, 8)} ${key}.`;
  return { title, body: [own, ...shared, `The ${vocab.words(rand, 18)}.`].join(' ') };
}

/**
 * `count` items from `sources` sources, `perDay` a day from `start`: each story is told by 1 to 4 outlets within
 * a day. Item guids and URLs are unique by `prefix`.
 */
export function* syntheticItems(options: { count: number; sources: number; perDay: number; start: number; seed: number; prefix: string }): Generator<SyntheticItem> {
  const vocab = vocabulary(7);
  const rand = random(options.seed);
  const spacing = 86_400_000 / options.perDay;
  let made = 0;
  let storyNumber = 0;
  while (made < options.count) {
    const s = story(vocab, rand);
    const tellings = Math.min(options.count - made, 1 + Math.floor(rand() * rand() * 4));
    const first = options.start + made * spacing;
    const outlets = new Set<number>();
    for (let t = 0; t < tellings; t += 1) {
      let source = Math.floor(rand() * options.sources);
      while (outlets.has(source)) source = (source + 1) % options.sources;
      outlets.add(source);
      const key = `${options.prefix}${made}`;
      const { title, body } = telling(vocab, rand, s, key);
      const url = `https://outlet${source}.example/${key}`;
      const at = Math.round(first + rand() * 6 * 3_600_000);
      const published = new Date(at).toISOString();
      const text = `${title} ${body}`;
      yield {
        sourceId: `s${source}`, story: storyNumber, at,
        record: {
          guid: key, guidKey: sha256(key), url, canonicalUrl: canonicalUrl(url) ?? null, title, summaryHtml: '', contentHtml: `<p>${body}</p>`,
          text, authors: [], categories: [], enclosures: [], publishedAt: published, updatedAt: null, contentHash: sha256(text),
          fingerprint: fingerprintOf({ title, text }), vendors: [],
        },
      };
      made += 1;
    }
    storyNumber += 1;
  }
}
