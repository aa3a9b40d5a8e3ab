/**
 * The document sets `npm run bench:parse` reads: the real-world captures, a generated large corpus
 * (2 × 5,000 items of escaped HTML with script, event handlers and lists to sanitise) and realistic
 * generated news (bench/news-corpus.ts: 100 sources × 50 items, as bench:ingest writes them).
 * Every set is built the same way in every process, so each contender reads the same bytes.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { newsCorpus, rssOf } from './news-corpus.js';

/** One document of a set. */
export interface Doc {
  name: string;
  body: Buffer;
}

const CORPUS = path.resolve(process.cwd(), '../shared/corpora/real-world');

/** The real-world captures that are XML (rss-parser reads no JSON Feed). */
function realWorld(): Doc[] {
  return readdirSync(CORPUS)
    .filter((f) => /\.(xml|rss|atom|rdf)$/.test(f))
    .map((f) => ({ name: f, body: readFileSync(path.join(CORPUS, f)) }));
}

function generated(): Doc[] {
  const html = (i: number) =>
    `&lt;p&gt;Item ${i}: VMware vSphere 8 update brings &lt;a href="/news/${i}"&gt;new features&lt;/a&gt; for ` +
    `hypervisor operators &amp;amp; cloud hosts.&lt;/p&gt;&lt;img src="img/${i}.png" onerror="x()"&gt;&lt;script&gt;bad()&lt;/script&gt;` +
    '&lt;ul&gt;' + '&lt;li&gt;point&lt;/li&gt;'.repeat(5) + '&lt;/ul&gt;';
  const rssItems = Array.from({ length: 5000 }, (_, i) =>
    `<item><title>Story number ${i} about Linux &amp; cloud</title><link>https://example.com/news/${i}</link>` +
    `<guid isPermaLink="false">story-${i}</guid><pubDate>Mon, 0${(i % 9) + 1} Jun 2026 10:${String(i % 60).padStart(2, '0')}:00 +0200</pubDate>` +
    `<category>cloud</category><description>${html(i)}</description></item>`).join('\n');
  const rss = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Generated</title>` +
    `<link>https://example.com/</link><description>x</description>${rssItems}</channel></rss>`;
  const atomEntries = Array.from({ length: 5000 }, (_, i) =>
    `<entry><title type="html">Entry ${i} &amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt;</title><id>urn:x:${i}</id>` +
    `<link href="/e/${i}"/><updated>2026-06-01T10:00:${String(i % 60).padStart(2, '0')}Z</updated>` +
    `<author><name>Writer ${i % 7}</name></author><content type="html">${html(i)}</content></entry>`).join('\n');
  const atom = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.org/">` +
    `<title>Generated Atom</title><id>urn:x</id><updated>2026-06-01T10:00:00Z</updated>${atomEntries}</feed>`;
  return [
    { name: 'generated-rss-5000', body: Buffer.from(rss) },
    { name: 'generated-atom-5000', body: Buffer.from(atom) },
  ];
}

function news(): Doc[] {
  const corpus = newsCorpus({ sources: 100, perSource: 50, days: 21, end: Date.UTC(2026, 0, 22), retell: 0.15, seed: 20_260_101 });
  return corpus.sources.map((items, n) => ({ name: `news-${n}`, body: rssOf(n, items) }));
}

/** The sets, by the name the tables print. */
export function corpora(): Record<string, Doc[]> {
  return {
    'real-world corpus (XML files)': realWorld(),
    'generated 2 x 5,000 items': generated(),
    'news 100 sources x 50 items': news(),
  };
}

/** Write the sets under `dir` (one folder per set, in order), so each contender's process reads them instead of generating them again. */
export function writeCorpora(dir: string, sets: Record<string, Doc[]>): void {
  Object.entries(sets).forEach(([name, docs], index) => {
    const folder = path.join(dir, String(index));
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'name'), name);
    docs.forEach((doc, n) => writeFileSync(path.join(folder, `${String(n).padStart(5, '0')}-${doc.name}`), doc.body));
  });
}

/** The sets writeCorpora wrote. */
export function readCorpora(dir: string): Record<string, Doc[]> {
  const sets: Record<string, Doc[]> = {};
  for (const index of readdirSync(dir).sort((a, b) => Number(a) - Number(b))) {
    const folder = path.join(dir, index);
    const files = readdirSync(folder).filter((f) => f !== 'name').sort();
    sets[readFileSync(path.join(folder, 'name'), 'utf8')] = files.map((f) => ({ name: f.slice(6), body: readFileSync(path.join(folder, f)) }));
  }
  return sets;
}
