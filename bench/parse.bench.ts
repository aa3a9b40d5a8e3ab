/**
 * npm run bench:parse — feedloom's parse + normalise + sanitise, side by side with rss-parser's
 * parseString and raw fast-xml-parser, over the real-world corpus and a generated large corpus.
 * Prints items/s, MB/s and the ratios. Numbers depend on the machine; compare within one run only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { normaliseFeed } from '../src/normalise/index.js';
import { parseFeed } from '../src/parse/index.js';

interface Doc {
  name: string;
  body: Buffer;
  xml: boolean;
}

const CORPUS = path.resolve(process.cwd(), '../shared/corpora/real-world');

function realWorld(): Doc[] {
  return readdirSync(CORPUS)
    .filter((f) => /\.(xml|rss|atom|rdf|json)$/.test(f) && f !== 'manifest.json')
    .map((f) => {
      const body = readFileSync(path.join(CORPUS, f));
      return { name: f, body, xml: !f.endsWith('.json') };
    });
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
    { name: 'generated-rss-5000', body: Buffer.from(rss), xml: true },
    { name: 'generated-atom-5000', body: Buffer.from(atom), xml: true },
  ];
}

type Runner = (doc: Doc) => Promise<number> | number;

const runners: Record<string, Runner> = {
  'feedloom parse+normalise+sanitise': (doc) => {
    try {
      return normaliseFeed(parseFeed({ body: doc.body, url: 'https://example.com/feed' })).items.length;
    } catch {
      return 0;
    }
  },
  'feedloom parse stage only': (doc) => {
    try {
      return parseFeed({ body: doc.body, url: 'https://example.com/feed' }).entries.length;
    } catch {
      return 0;
    }
  },
  'rss-parser parseString': async (doc) => {
    if (!doc.xml) return 0;
    try {
      const feed = await new Parser().parseString(doc.body.toString('utf8'));
      return feed.items.length;
    } catch {
      return 0;
    }
  },
  'fast-xml-parser (raw, no feed model)': (doc) => {
    if (!doc.xml) return 0;
    try {
      new XMLParser({ ignoreAttributes: false }).parse(doc.body.toString('utf8'));
    } catch {
      // raw parse failures still cost time; nothing to count
    }
    return 0;
  },
};

async function measure(docs: Doc[], runner: Runner, minMs: number): Promise<{ ms: number; rounds: number; items: number; bytes: number }> {
  for (const doc of docs) await runner(doc); // warm-up
  let rounds = 0;
  let items = 0;
  let bytes = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs || rounds === 0) {
    for (const doc of docs) {
      items += await runner(doc);
      bytes += doc.body.length;
    }
    rounds++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return { ms: elapsed, rounds, items, bytes };
}

async function main(): Promise<void> {
  const minMs = Number(process.env['BENCH_MS'] ?? 3000);
  const sets = { 'real-world corpus (XML files only)': realWorld().filter((d) => d.xml), 'generated 2 x 5000 items': generated() };
  const realAll = realWorld();
  const feedloomItems = realAll.reduce((n, d) => n + (runners['feedloom parse+normalise+sanitise']?.(d) as number), 0);
  console.log(`feedloom reads ${realAll.length} real-world files (${feedloomItems} items), ${(realAll.reduce((n, d) => n + d.body.length, 0) / 1e6).toFixed(1)} MB`);
  for (const [setName, docs] of Object.entries(sets)) {
    const mb = docs.reduce((n, d) => n + d.body.length, 0) / 1e6;
    console.log(`\n${setName}: ${docs.length} documents, ${mb.toFixed(2)} MB`);
    const rows: { name: string; mbps: number; itemsps: number }[] = [];
    for (const [name, runner] of Object.entries(runners)) {
      const r = await measure(docs, runner, minMs);
      const seconds = r.ms / 1000;
      rows.push({ name, mbps: r.bytes / 1e6 / seconds, itemsps: r.items / seconds });
    }
    const base = rows[0];
    for (const row of rows) {
      const ratio = base && row !== base ? `  (feedloom takes ${(row.mbps / base.mbps).toFixed(2)}x its time)` : '';
      const items = row.itemsps > 0 ? `${Math.round(row.itemsps).toLocaleString('en')} items/s` : 'n/a items/s';
      console.log(`  ${row.name.padEnd(40)} ${row.mbps.toFixed(1).padStart(7)} MB/s  ${items.padStart(18)}${ratio}`);
    }
  }
}

await main();
