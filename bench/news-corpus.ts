/**
 * Generated news for the ingest benchmark: N sources × M items over three weeks, in text shaped like trade-press
 * items and with a large vocabulary, about 15% of items retelling a story another source told in the days before.
 *
 * - The body text comes from a word-bigram chain trained on real prose: the labelled evaluation sets'
 *   articles and the items of the real-world feed captures in ../shared/corpora/real-world (read at run time,
 *   never copied), so two unrelated items share no more wording than two real articles would.
 * - Each story has a subject company (drawn by popularity: a few companies are in many stories, as AWS is), an
 *   event (results, a launch, an acquisition, an outage, a region, a release, a flaw, funding, a partnership,
 *   layoffs, prices) with its own figures, products and places; every telling's headline and lead are the chain's
 *   words with the story's facts in them, so a retelling states the same facts in other words.
 * Deterministic for a seed. `stories` maps each item's guid to its story, for scoring the clustering.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { normaliseFeed } from '../src/normalise/index.js';
import { parseFeed } from '../src/parse/index.js';

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

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

/** Prose to learn word order from: the labelled sets' articles and the real-world captures' items. */
function trainingText(): string[] {
  const texts: string[] = [];
  const fixtures = new URL('../test/dedup/fixtures/', import.meta.url);
  for (const file of readdirSync(fixtures).filter((f) => f.endsWith('-set.json'))) {
    const { items } = JSON.parse(readFileSync(new URL(file, fixtures), 'utf8')) as { items: { html: string }[] };
    for (const item of items) texts.push(item.html.replace(/<[^>]+>/g, ' '));
  }
  const corpus = path.resolve(new URL('.', import.meta.url).pathname, '../../shared/corpora/real-world');
  try {
    for (const file of readdirSync(corpus).filter((f) => /\.(xml|rss|atom|json)$/.test(f))) {
      try {
        const feed = normaliseFeed(parseFeed({ body: readFileSync(path.join(corpus, file)), url: 'https://example.org/' }));
        for (const item of feed.items) if (item.text.length > 200) texts.push(item.text);
      } catch {
        // A capture that is not a feed teaches nothing.
      }
    }
  } catch {
    // Without the shared corpora the labelled sets alone train the chain.
  }
  return texts;
}

/** A word-bigram chain: each word with the words that followed it in the training prose. */
class Chain {
  readonly #next = new Map<string, string[]>();
  readonly #starts: string[] = [];
  constructor(texts: readonly string[]) {
    for (const text of texts) {
      const words = text.split(/\s+/).filter((w) => w.length > 0 && w.length < 30 && !/[<>{}\\]|https?:/.test(w));
      for (let i = 0; i + 1 < words.length; i += 1) {
        const word = words[i] ?? '';
        if (i === 0 || /[.!?]$/.test(words[i - 1] ?? '')) if (/^[A-Z]/.test(word)) this.#starts.push(word);
        const list = this.#next.get(word);
        if (list === undefined) this.#next.set(word, [words[i + 1] ?? '']);
        else if (list.length < 64) list.push(words[i + 1] ?? '');
      }
    }
  }
  /** Distinct words the chain knows. */
  get vocabulary(): number {
    return this.#next.size;
  }
  /** A sentence of about `length` words. */
  sentence(rand: () => number, length: number): string {
    let word = this.#starts.length > 0 ? pick(rand, this.#starts) : 'The';
    const out = [word];
    for (let i = 1; i < length * 2; i += 1) {
      const next = this.#next.get(word);
      if (next === undefined || next.length === 0) break;
      word = pick(rand, next);
      out.push(word);
      if (i >= length && /[.!?]$/.test(word)) break;
    }
    const text = out.join(' ').replace(/[,;:]$/, '');
    return /[.!?]$/.test(text) ? text : `${text}.`;
  }
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ra', 'tu', 'vex', 'dor', 'zan', 'pri', 'sol', 'gar', 'quo', 'bel', 'fin', 'hy', 'ost', 'wen', 'tra', 'ix', 'cor', 'nu', 'sta', 'lex'];
const SUFFIXES = ['', '', '', ' Cloud', ' Systems', ' Networks', ' Data', ' Labs', ' Hosting', ' Compute'];
const PRODUCT_WORDS = ['Stratos', 'Nimbus', 'Forge', 'Pulse', 'Vault', 'Edge', 'Core', 'Atlas', 'Beacon', 'Helix', 'Orbit', 'Quanta', 'Relay', 'Summit', 'Vector'];

function coined(rand: () => number, syllables: number): string {
  const word = Array.from({ length: syllables }, () => pick(rand, SYLLABLES)).join('');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

interface Company {
  name: string;
  products: string[];
}

/** What a story states: its subject, its event and the facts every telling repeats. */
interface Story {
  id: number;
  at: number;
  /** The sources that told it: a retelling is another source's. */
  sources: Set<number>;
  event: string;
  facts: Record<string, string>;
}

/** The fact each kind of event turns on: every telling states it. */
const KEY_FACT: Record<string, string> = {
  results: 'money', launch: 'product', acquisition: 'co2', outage: 'place', region: 'place', release: 'version', flaw: 'cve',
  funding: 'money', partnership: 'co2', layoffs: 'qty', prices: 'pct',
};
const EVENT_NAMES = Object.keys(KEY_FACT);
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const QUARTERS = ['Q1', 'Q2', 'Q3', 'Q4', 'the first quarter', 'the second quarter', 'the third quarter', 'the fourth quarter'];

/** One generated item, with the story it tells. */
export interface NewsItem {
  guid: string;
  url: string;
  title: string;
  html: string;
  published: number;
  story: number;
}

/** The generated corpus: every source's items (newest first) and how many items retell a story. */
export interface NewsCorpus {
  sources: NewsItem[][];
  retellings: number;
  vocabulary: number;
}

/**
 * `sources` × `perSource` items published over `days` days before `end`; `retell` of them (about 0.15) retell a
 * story of the two days before them, told by another source.
 */
export function newsCorpus(options: { sources: number; perSource: number; days: number; end: number; retell: number; seed: number }): NewsCorpus {
  const rand = random(options.seed);
  const chain = new Chain(trainingText());
  const companies: Company[] = Array.from({ length: 5_000 }, () => {
    const name = `${coined(rand, 2 + Math.floor(rand() * 2))}${pick(rand, SUFFIXES)}`;
    return { name, products: Array.from({ length: 3 }, () => `${name.split(' ')[0] ?? name} ${pick(rand, PRODUCT_WORDS)}${rand() < 0.5 ? ` ${1 + Math.floor(rand() * 9)}` : ''}`) };
  });
  const places = Array.from({ length: 400 }, () => coined(rand, 2 + Math.floor(rand() * 2)));
  // Zipf over companies (exponent 0.7): a few are the subject of many stories, the biggest of about 2.5% of them.
  const cdf: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= companies.length; rank += 1) cdf.push((total += 1 / rank ** 0.7));
  const company = (): Company => {
    const target = rand() * total;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] ?? 0) < target) lo = mid + 1;
      else hi = mid;
    }
    return companies[lo] ?? companies[0] ?? { name: 'Acme', products: ['Acme One'] };
  };
  const count = options.sources * options.perSource;
  const span = options.days * 86_400_000;
  const start = options.end - span;
  // Every item's instant and source, in time order; then each is a new story or a retelling.
  const slots = Array.from({ length: count }, (_, i) => ({ at: start + Math.floor((i / count) * span + rand() * (span / count)), source: i % options.sources }));
  for (let i = slots.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    const [a, b] = [slots[i], slots[j]];
    if (a !== undefined && b !== undefined) [slots[i], slots[j]] = [{ ...b, at: a.at }, { ...a, at: b.at }];
  }
  slots.sort((a, b) => a.at - b.at);
  const stories: Story[] = [];
  const sources: NewsItem[][] = Array.from({ length: options.sources }, () => []);
  let retellings = 0;
  // Stories are made in time order: the ones of the last two days are a suffix of the list.
  let oldest = 0;
  slots.forEach((slot, n) => {
    while (oldest < stories.length && slot.at - (stories[oldest]?.at ?? 0) >= 2 * 86_400_000) oldest += 1;
    let story: Story;
    const retold = oldest < stories.length && rand() < options.retell ? stories[oldest + Math.floor(rand() * (stories.length - oldest))] : undefined;
    if (retold !== undefined && !retold.sources.has(slot.source)) {
      story = retold;
      retellings += 1;
    } else {
      const subject = company();
      const other = company();
      const money = `$${(1 + Math.floor(rand() * 900)) / (rand() < 0.5 ? 10 : 1)}${pick(rand, ['m', 'bn', ' million', ' billion'])}`;
      story = {
        id: stories.length, at: slot.at, sources: new Set(), event: pick(rand, EVENT_NAMES),
        facts: {
          co: subject.name, co2: other.name === subject.name ? `${other.name} Group` : other.name,
          // Most stories are about a product of their own; some about the company's best known ones.
          product: rand() < 0.3 ? pick(rand, subject.products) : `${subject.name.split(' ')[0] ?? subject.name} ${coined(rand, 2)}${rand() < 0.5 ? ` ${1 + Math.floor(rand() * 9)}` : ''}`,
          place: pick(rand, places), money, money2: `$${2 + Math.floor(rand() * 60)}bn`, pct: String(2 + Math.floor(rand() * 40)),
          qty: String(16 + Math.floor(rand() * 2_000)), hours: String(2 + Math.floor(rand() * 10)), quarter: pick(rand, QUARTERS),
          version: `${1 + Math.floor(rand() * 12)}.${Math.floor(rand() * 20)}`, cve: `CVE-20${24 + Math.floor(rand() * 3)}-${10_000 + Math.floor(rand() * 89_999)}`,
          score: `${(7 + rand() * 3).toFixed(1)}`, day: pick(rand, DAYS),
        },
      };
      stories.push(story);
    }
    story.sources.add(slot.source);
    // Headline and lead are the outlet's own words with the story's facts in them: the company, the fact the event
    // turns on (the sum, the product, the place, the share), and others. Tellings of one story share the facts,
    // not the wording; two stories of one company share the company and nothing else.
    // The outlet's words carry no figures of their own (only the story's facts do), nor a column's name.
    const phrase = (words: number) => chain.sentence(rand, words).replace(/[.!?]$/, '').split(' ')
      .filter((w) => !/\d/.test(w) && !/^(?:episode|podcast|roundup|digest|recap|newsletter|briefing)/i.test(w)).join(' ');
    const others = ['product', 'money', 'place', 'qty', 'pct', 'version', 'cve'].filter((k) => k !== KEY_FACT[story.event]);
    const withFacts = (words: number, extra: number): string => {
      const parts = phrase(words).split(' ');
      const facts = [story.facts['co'], story.facts[KEY_FACT[story.event] ?? 'product'], ...others.filter(() => rand() < 0.3).slice(0, extra).map((k) => story.facts[k])];
      for (const fact of facts) if (fact !== undefined) parts.splice(Math.floor(rand() * (parts.length + 1)), 0, fact);
      return parts.join(' ');
    };
    const headline = withFacts(4 + Math.floor(rand() * 5), 1);
    const lead = `${withFacts(14 + Math.floor(rand() * 10), 2)}.`;
    const body = Array.from({ length: 4 + Math.floor(rand() * 5) }, () => chain.sentence(rand, 12 + Math.floor(rand() * 16)));
    const guid = `s${slot.source}-${n}`;
    sources[slot.source]?.push({
      guid, url: `https://news${slot.source % 97}.example/${slot.source}/${n}`, title: headline, story: story.id, published: slot.at,
      html: `<p>${escape(lead)}</p>${body.map((s) => `<p>${escape(s)}</p>`).join('')}`,
    });
  });
  for (const list of sources) list.sort((a, b) => b.published - a.published);
  return { sources, retellings, vocabulary: chain.vocabulary };
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An RSS document of one source's items. */
export function rssOf(n: number, items: readonly NewsItem[]): Buffer {
  const body = items.map((item) => `<item><title>${escape(item.title)}</title><link>${item.url}</link><guid isPermaLink="false">${item.guid}</guid>`
    + `<pubDate>${new Date(item.published).toUTCString()}</pubDate><description>${escape(item.html)}</description></item>`).join('');
  return Buffer.from(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Source ${n}</title>`
    + `<link>https://news${n % 97}.example/</link><description>bench</description>${body}</channel></rss>`);
}
