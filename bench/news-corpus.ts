/**
 * Generated news for the ingest benchmark: N sources × M items over three weeks, in text shaped like trade-press
 * items and with a large vocabulary, about 15% of items retelling a story another source told in the days before.
 *
 * - The outlets' own wording comes from a word-bigram chain trained on real prose: the labelled evaluation sets'
 *   articles and the items of the real-world feed captures in ../shared/corpora/real-world (read at run time,
 *   never copied), so two unrelated items share no more wording than two real articles would.
 * - Each story has a subject company (drawn by popularity: a few companies are in many stories, as AWS is), an
 *   event (results, a launch, an acquisition, an outage, a region, a release, a flaw, funding, a partnership,
 *   layoffs, prices) with its own figures (from realistic wide ranges), products, places and people, a few
 *   headline words (the event's verbs and nouns, the story's topic words) and a quote from the announcement.
 * - As real retellings do, every telling states the story's facts — the same names, products, people and exact
 *   figures, each outlet writing the figures in its house style ("$1.2bn", "US$1.2 billion") — keeps some of
 *   the headline words and the quote now and then, and says the rest in its own words. Unrelated stories of one
 *   week share a popular company, a place, a best-known product or the kind of event, seldom an exact figure
 *   and never a story's own product or outside speaker.
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
  #topics: string[] | undefined;
  /**
   * A topic word: a lower-case word of six letters or more that the prose used ("sovereign", "inference",
   * "datacentre"), any of thousands, so two unrelated stories seldom pick the same one.
   */
  topicWord(rand: () => number): string {
    this.#topics ??= [...this.#next.keys()].filter((w) => /^[a-z]{6,}$/.test(w));
    return this.#topics.length > 0 ? pick(rand, this.#topics) : 'cloud';
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
// People's given names as trade press prints them; surnames are coined (thousands of them), so a full name is
// nearly always one person's, as in real news.
const GIVEN_NAMES = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William',
  'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Daniel', 'Lisa', 'Matthew', 'Nancy',
  'Anthony', 'Sandra', 'Mark', 'Ashley', 'Steven', 'Emily', 'Paul', 'Michelle', 'Andrew', 'Amanda', 'Kenneth', 'Melissa', 'Kevin',
  'Deborah', 'Brian', 'Laura', 'George', 'Rebecca', 'Timothy', 'Sharon', 'Ronald', 'Cynthia', 'Jason', 'Kathleen', 'Ryan', 'Amy',
  'Jacob', 'Angela', 'Gary', 'Anna', 'Nicholas', 'Ruth', 'Eric', 'Brenda', 'Jonathan', 'Pamela', 'Stephen', 'Nicole', 'Larry',
  'Katherine', 'Justin', 'Samantha', 'Scott', 'Christine', 'Raj', 'Priya', 'Wei', 'Mei', 'Hiroshi', 'Yuki', 'Ahmed', 'Fatima',
  'Lars', 'Ingrid', 'Pierre', 'Claire', 'Matteo', 'Giulia', 'Sven', 'Anja', 'Diego', 'Lucia', 'Olumide', 'Amara', 'Sanjay', 'Ananya'];
const ROLES = ['chief executive', 'CEO', 'chief technology officer', 'CFO', 'vice president of engineering', 'general manager', 'head of product', 'founder'];
const OUTSIDE_ROLES = ['an analyst at', 'a researcher at', 'research director at', 'a partner at', 'chief information officer at'];

function coined(rand: () => number, syllables: number): string {
  const word = Array.from({ length: syllables }, () => pick(rand, SYLLABLES)).join('');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A person's full name: a given name and a coined surname of two or three syllables. */
const person = (rand: () => number): string => `${pick(rand, GIVEN_NAMES)} ${coined(rand, 2 + Math.floor(rand() * 2))}`;

interface Company {
  name: string;
  products: string[];
  /** Its executives: a company's chief is quoted in many of its stories, as real chiefs are. */
  people: { name: string; role: string }[];
}

/** What a story states: its subject, its event and the facts every telling repeats. */
interface Story {
  id: number;
  at: number;
  /** The sources that told it: a retelling is another source's. */
  sources: Set<number>;
  event: string;
  facts: Record<string, string>;
  /** Figures as values: each outlet writes them in its own house style. */
  figures: { money: number; money2: number; pct: number; qty: number };
  /** The words the headline turns on ("acquires", "outage", "revenue") and the story's topic words. */
  keywords: string[];
  /** A quote from the announcement: press releases are quoted word for word by many outlets. */
  quote: string;
  /** Who is quoted: the subject's executive, or someone from outside (an analyst, a customer). */
  speaker: string;
}

/** The fact each kind of event turns on: every telling states it. */
const KEY_FACT: Record<string, string> = {
  results: 'money', launch: 'product', acquisition: 'co2', outage: 'place', region: 'place', release: 'version', flaw: 'cve',
  funding: 'money', partnership: 'co2', layoffs: 'qty', prices: 'pct',
};
/**
 * The words headlines of each kind of event are written with. Real outlets telling one event mostly reach for
 * the same two or three ("X acquires Y", "X outage hits Z"), and so do unrelated stories of the same kind:
 * these words tell kinds of events apart, not stories.
 */
const EVENT_WORDS: Record<string, string[]> = {
  results: ['revenue', 'profit', 'earnings', 'quarterly', 'sales', 'forecast', 'growth', 'loss', 'beats', 'misses', 'outlook'],
  launch: ['launches', 'unveils', 'debuts', 'introduces', 'rolls out', 'available', 'preview', 'new'],
  acquisition: ['acquires', 'buys', 'acquisition', 'deal', 'takeover', 'purchase', 'snaps up'],
  outage: ['outage', 'down', 'disruption', 'fails', 'incident', 'offline', 'restored'],
  region: ['region', 'datacenter', 'expands', 'opens', 'availability zone', 'launches'],
  release: ['release', 'released', 'ships', 'update', 'upgrade', 'arrives'],
  flaw: ['vulnerability', 'flaw', 'bug', 'patch', 'exploited', 'critical', 'security'],
  funding: ['raises', 'funding', 'round', 'valuation', 'investors', 'Series B', 'Series C'],
  partnership: ['partners', 'partnership', 'alliance', 'teams up', 'collaboration', 'deal'],
  layoffs: ['cuts', 'layoffs', 'jobs', 'staff', 'workforce', 'restructuring'],
  prices: ['prices', 'price', 'hikes', 'raises', 'pricing', 'costs'],
};
const EVENT_NAMES = Object.keys(KEY_FACT);
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const QUARTERS = ['Q1', 'Q2', 'Q3', 'Q4', 'the first quarter', 'the second quarter', 'the third quarter', 'the fourth quarter'];

/** A value drawn log-uniformly between `low` and `high`, rounded to two or three significant digits as reported figures are. */
function figure(rand: () => number, low: number, high: number): number {
  const value = Math.exp(Math.log(low) + rand() * (Math.log(high) - Math.log(low)));
  return Number(value.toPrecision(rand() < 0.6 ? 3 : 2));
}

/**
 * A sum as an outlet of house style `style` writes it: "$1.27bn", "$1.27 billion", "US$1.27 billion"; "$482m",
 * "$482 million", "$482mn". Outlets differ in style, not in the figure.
 */
function money(value: number, style: number): string {
  const [scale, short, long] = value >= 1e9 ? [1e9, 'bn', 'billion'] : [1e6, 'm', 'million'];
  const x = Number((value / scale).toPrecision(6));
  return [`$${x}${short}`, `$${x} ${long}`, `US$${x} ${long}`][style % 3] ?? `$${x}${short}`;
}
const percent = (value: number, style: number) => [`${value}%`, `${value} per cent`, `${value} percent`][style % 3] ?? `${value}%`;
const grouped = (value: number, style: number) => (style % 2 === 0 ? value.toLocaleString('en-US') : String(value));

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
    return {
      name,
      products: Array.from({ length: 3 }, () => `${name.split(' ')[0] ?? name} ${pick(rand, PRODUCT_WORDS)}${rand() < 0.5 ? ` ${1 + Math.floor(rand() * 9)}` : ''}`),
      people: Array.from({ length: 2 }, (_, i) => ({ name: person(rand), role: i === 0 ? 'chief executive' : pick(rand, ROLES) })),
    };
  });
  // Places: cities and regions are few beside companies, so unrelated stories do share them by chance.
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
    return companies[lo] ?? companies[0] ?? { name: 'Acme', products: ['Acme One'], people: [{ name: 'Jane Doe', role: 'CEO' }] };
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
  // The outlet's own words carry no figures (only the story's facts do): the chain would repeat its training
  // prose's exact figures ("$17.7 billion") in unrelated items, which real news does not. Nor a column's name, nor
  // (in a headline or lead) a name from the training prose: a real headline's names are its story's.
  const ownWords = (sentence: string) => sentence.split(' ').filter((w) => !/\d/.test(w)).join(' ');
  const phrase = (words: number) => chain.sentence(rand, words).replace(/[.!?]$/, '').split(' ')
    .filter((w, i) => !/\d/.test(w) && (i === 0 || !/^\p{Lu}/u.test(w)) && !/^(?:episode|podcast|roundup|digest|recap|newsletter|briefing)/i.test(w)).join(' ');
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
      const event = pick(rand, EVENT_NAMES);
      const executive = pick(rand, subject.people);
      // Half the stories quote the subject's own executive (who is in many of its stories), half someone from
      // outside named for this story only (an analyst, a customer's CIO).
      const speaker = rand() < 0.5 ? `${executive.name}, ${executive.role} of ${subject.name}` : `${person(rand)}, ${pick(rand, OUTSIDE_ROLES)} ${coined(rand, 2)} Research`;
      // Two of the event's headline words and one or two topic words of the story's own ("sovereign", "inference").
      const words = [...EVENT_WORDS[event] ?? []];
      const keywords = [words.splice(Math.floor(rand() * words.length), 1)[0] ?? event, words[Math.floor(rand() * words.length)] ?? event,
        ...Array.from({ length: 1 + Math.floor(rand() * 2) }, () => chain.topicWord(rand))];
      story = {
        id: stories.length, at: slot.at, sources: new Set(), event, keywords, speaker,
        quote: ownWords(chain.sentence(rand, 14 + Math.floor(rand() * 10))).replace(/"/g, ''),
        // Figures from the wide ranges real news reports them in — sums from $1m to $100bn, shares with a decimal
        // more often than not, head counts from 100 to 20,000 — each rounded as reporters round them. Two unrelated
        // stories of one week seldom state the same sum; they do share a round share now and then ("10%").
        figures: {
          money: figure(rand, 1e6, 1e11), money2: figure(rand, 1e7, 2e11),
          pct: rand() < 0.4 ? Math.max(1, Math.round(figure(rand, 1, 95))) : Number((0.5 + rand() * 80).toFixed(1)),
          qty: figure(rand, 100, 20_000),
        },
        facts: {
          co: subject.name, co2: other.name === subject.name ? `${other.name} Group` : other.name,
          // Most stories are about a product of their own; some about the company's best known ones.
          product: rand() < 0.3 ? pick(rand, subject.products) : `${subject.name.split(' ')[0] ?? subject.name} ${coined(rand, 2)}${rand() < 0.5 ? ` ${1 + Math.floor(rand() * 9)}` : ''}`,
          place: pick(rand, places), hours: String(2 + Math.floor(rand() * 10)), quarter: pick(rand, QUARTERS),
          // A product's version: majors up to 30, minors up to 40, a patch level half the time ("17.3.2").
          version: `${1 + Math.floor(rand() * 30)}.${Math.floor(rand() * 40)}${rand() < 0.5 ? `.${Math.floor(rand() * 20)}` : ''}`,
          cve: `CVE-20${24 + Math.floor(rand() * 3)}-${10_000 + Math.floor(rand() * 89_999)}`,
          score: `${(7 + rand() * 3).toFixed(1)}`, day: pick(rand, DAYS),
        },
      };
      stories.push(story);
    }
    story.sources.add(slot.source);
    // The outlet's house style for figures.
    const style = slot.source % 6;
    const fact = (key: string): string | undefined => {
      const f = story.figures;
      if (key === 'money') return money(f.money, style);
      if (key === 'money2') return `${money(f.money2, style)} ${story.event === 'funding' ? 'valuation' : 'a year'}`;
      if (key === 'pct') return percent(f.pct, style);
      if (key === 'qty') return `${grouped(f.qty, style)} ${story.event === 'layoffs' ? 'jobs' : 'customers'}`;
      if (key === 'version') return `${story.facts['product'] ?? ''} ${story.facts['version'] ?? ''}`;
      return story.facts[key];
    };
    const key = KEY_FACT[story.event] ?? 'product';
    const others = ['product', 'money', 'money2', 'place', 'qty', 'pct', 'version', 'cve', 'co2'].filter((k) => k !== key);
    // Tellings of one story share its facts — the company, the fact the event turns on, the figures, products and
    // people — and some of its headline words, each outlet keeping a few and writing the rest in its own words.
    // Two stories of one company share the company (and now and then a best-known product or its chief) only.
    const withFacts = (words: number, facts: readonly (string | undefined)[]): string => {
      const parts = words > 0 ? phrase(words).split(' ') : [];
      for (const f of facts) if (f !== undefined && f !== '') parts.splice(Math.floor(rand() * (parts.length + 1)), 0, f);
      return parts.join(' ');
    };
    const kept = (list: readonly string[], p: number) => list.filter(() => rand() < p);
    // The headline: the company; the key fact most of the time (else the lead states it); one or two more facts
    // now and then; about two of the story's headline words; two to five words of the outlet's own.
    const headline = withFacts(2 + Math.floor(rand() * 4), [story.facts['co'], rand() < 0.8 ? fact(key) : undefined,
      ...kept(others, 0.08).slice(0, 1).map(fact), ...kept(story.keywords, 0.6)]);
    // The lead: the company, the key fact and two or three more, the story's words again, and the outlet's own.
    const lead = `${withFacts(10 + Math.floor(rand() * 8), [story.facts['co'], fact(key), ...kept(others, 0.3).slice(0, 3).map(fact),
      ...kept(story.keywords, 0.5)])}.`;
    // The body: the outlet's own sentences, most with one of the story's facts in them, and the announcement's
    // quote (word for word) half the time.
    const body = Array.from({ length: 4 + Math.floor(rand() * 5) }, () => {
      const sentence = ownWords(chain.sentence(rand, 12 + Math.floor(rand() * 16)));
      if (rand() < 0.4) return sentence;
      const words = sentence.split(' ');
      words.splice(1 + Math.floor(rand() * Math.max(1, words.length - 1)), 0, fact(pick(rand, [key, 'co', ...others])) ?? '');
      return words.join(' ');
    });
    if (rand() < 0.5) body.splice(Math.floor(rand() * (body.length + 1)), 0, `"${story.quote}" said ${story.speaker}.`);
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
