import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/log/index.js';
import { TAG_SHAPED } from '../../src/normalise/index.js';
import { parseFeed } from '../../src/parse/index.js';
import { PAGE_CSP } from '../../src/publish/index.js';
import { createServer } from '../../src/server/index.js';
import { createSite } from '../../src/site/index.js';
import { runCli } from '../cli/run-cli.js';
import { executableProblems, startTags, withoutSearchBox } from '../publish/support/markup-scan.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { startOrigin } from '../support/origin.js';
import type { Origin } from '../support/origin.js';

// Issue 10, item 4: markup-shaped text planted in every plain-text field a publisher (or an operator) controls —
// titles, author names, category terms, source titles — in RSS, Atom and JSON Feed, entity-encoded and raw. After
// ingest, the store and every output (RSS, Atom, JSON Feed, the HTML pages) carry it as plain text: no tag-shaped
// text in any plain-text field, nothing executable anywhere.

/** The families, each as the text a reader should never be handed as markup. */
const FAMILIES = [
  '<script>alert(1)</script>',
  '</title><script>alert(2)</script>',
  ']]><script>alert(3)</script>',
  '--><script>alert(4)</script><!--',
  '<img src=x onerror=alert(5)>',
  '<svg onload=alert(6)>',
  '"><svg/onload=alert(7)>',
  '<!--<img src=x onerror=alert(8)>-->',
];

/** XML-escaped once: the publisher's text is the markup itself (a reader decoding the XML sees the tags). */
function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `family` as each kind of feed can carry it: escaped once, escaped twice (entity-encoded HTML), or in CDATA. */
function rssItem(i: number, family: string): string {
  const escaped = xmlEscape(family);
  const twice = xmlEscape(escaped);
  // CDATA cannot hold `]]>`: that family goes escaped in all three places.
  const cdata = family.includes(']]>') ? escaped : `<![CDATA[Raw ${i} ${family}]]>`;
  return `<item><title>Story ${i} ${escaped}</title><link>http://outlet.example/rss/${i}</link><guid>rss-${i}</guid>
<description>&lt;p&gt;Body ${i} &lt;a href="http://outlet.example/x"&gt;link&lt;/a&gt;&lt;/p&gt;</description>
<author>a${i}@outlet.example (Author ${twice})</author><dc:creator>${cdata}</dc:creator>
<category>Cat ${escaped}</category><category>${cdata}</category><category>Enc ${twice}</category>
<source url="http://outlet.example/other.xml">Source ${escaped}</source>
<pubDate>Mon, 0${1 + (i % 8)} Dec 2025 10:00:00 GMT</pubDate></item>`;
}

const RSS = `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Outlet ${xmlEscape(FAMILIES[0] ?? '')}</title><link>http://outlet.example/</link><description>d</description>
${FAMILIES.map((family, i) => rssItem(i, family)).join('\n')}
</channel></rss>`;

function atomEntry(i: number, family: string): string {
  const escaped = xmlEscape(family);
  const types = ['text', 'html'];
  return `<entry><id>urn:atom:${i}</id><title type="${types[i % 2]}">Atom ${i} ${escaped}</title>
<link href="http://atom.example/${i}"/><updated>2025-12-0${1 + (i % 8)}T10:00:00Z</updated>
<author><name>Writer ${escaped}</name></author><category term="term ${escaped}"/><category term="t${i}" label="Label ${xmlEscape(escaped)}"/>
<summary type="html">&lt;p&gt;Atom body ${i}&lt;/p&gt;</summary>
<source><title>Src ${escaped}</title></source></entry>`;
}

const ATOM = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><id>urn:atom</id>
<title type="html">Atom outlet ${xmlEscape(xmlEscape(FAMILIES[4] ?? ''))}</title><updated>2025-12-08T00:00:00Z</updated>
<link rel="alternate" href="http://atom.example/"/>
${FAMILIES.map((family, i) => atomEntry(i, family)).join('\n')}
<entry><id>urn:atom:xhtml</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">XHTML <b>bold</b> &lt;script&gt;alert(9)&lt;/script&gt;</div></title>
<link href="http://atom.example/x"/><updated>2025-12-07T10:00:00Z</updated></entry>
</feed>`;

const JSON_FEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: `Json outlet ${FAMILIES[5]}`,
  home_page_url: 'http://json.example/',
  items: FAMILIES.flatMap((family, i) => [
    {
      id: `json-${i}`,
      url: `http://json.example/${i}`,
      title: `Json ${i} ${family}`,
      content_html: `<p>Json body ${i}</p>`,
      date_published: `2025-12-0${1 + (i % 8)}T11:00:00Z`,
      authors: [{ name: `Person ${family}` }],
      tags: [`tag ${family}`, `enc ${xmlEscape(family)}`],
    },
  ]),
});

/** The configured title of the RSS source (the operator's, also markup-shaped). */
const CONFIGURED_TITLE = 'Configured <b onmouseover=alert(10)>outlet</b> <script>alert(11)</script>';

let origin: Origin;
let dir: string;
let configFile: string;

beforeAll(async () => {
  origin = await startOrigin();
  origin.route('/rss', { body: RSS, headers: { 'content-type': 'application/rss+xml' } });
  origin.route('/atom', { body: ATOM, headers: { 'content-type': 'application/atom+xml' } });
  origin.route('/json', { body: JSON_FEED, headers: { 'content-type': 'application/feed+json' } });
  dir = mkdtempSync(path.join(tmpdir(), 'feedloom-plain-'));
  configFile = path.join(dir, 'feeds.config.json');
  writeFileSync(configFile, JSON.stringify({
    site: { title: 'Plain headlines', baseUrl: 'https://news.example' },
    fetch: { allowPrivateNetworks: true },
    sources: [{ id: 'rss', url: origin.urlFor('/rss'), title: CONFIGURED_TITLE }],
    vendors: [{ id: 'outlet', name: 'Outlet', aliases: ['Outlet'] }],
    feeds: [{ id: 'headlines', title: 'All', limit: 100 }],
  }, null, 2));
  // The other two are added the way a new user adds a source: their titles come from the feeds themselves.
  for (const feed of ['/atom', '/json']) {
    const added = await runCli(['sources', 'add', origin.urlFor(feed)], { env: { FEEDLOOM_CONFIG: configFile }, cwd: dir });
    expect(added.code, added.stderr).toBe(0);
  }
});

afterAll(async () => {
  await origin?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Every plain-text value must be free of tag-shaped text: the field's name and value when one is not. */
function tagShaped(fields: [string, string | undefined][]): [string, string][] {
  return fields.filter((f): f is [string, string] => f[1] !== undefined && TAG_SHAPED.test(f[1]));
}

/** Text of an HTML fragment as a browser shows it (tags dropped, the common references decoded). */
function shownText(fragment: string): string {
  return fragment
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'plain-text fields planted with markup', (current) => {
    it('come out plain in the store, RSS, Atom, JSON Feed and the HTML pages; nothing executable anywhere', { timeout: 120_000 }, async () => {
      const config = await loadConfig(configFile);
      // `sources add` wrote the feeds' own titles, made plain.
      const added = config.sources.filter((s) => s.id !== 'rss');
      expect(added.map((s) => s.title)).toEqual(['Atom outlet', 'Json outlet']);

      const env = { DATABASE_URL: current().url, FEEDLOOM_CONFIG: configFile };
      const ingest = await runCli(['ingest', '--all', '--json'], { env, cwd: dir });
      expect(ingest.code, ingest.stderr).toBe(0);
      expect(JSON.parse(ingest.stdout).failures).toEqual([]);

      // The store holds the plain text: what every output is made from.
      const rows = await current().db.selectFrom('items').select(['story_id', 'title', 'authors', 'categories']).execute();
      // The curated feed lists stories (items telling the same news are one entry).
      const stories = new Set(rows.map((r) => r.story_id)).size;
      expect(rows.length).toBe(FAMILIES.length * 3 + 1);
      for (const row of rows) {
        const authors = JSON.parse(row.authors) as { name?: string }[];
        const categories = JSON.parse(row.categories) as string[];
        expect(tagShaped([['title', row.title], ...authors.map((a): [string, string | undefined] => ['author', a.name]), ...categories.map((c): [string, string] => ['category', c])])).toEqual([]);
      }
      const titles = rows.map((r) => r.title).sort();
      // The text around the markup is kept; `]]>` and `-->` are text, not tags, and stay.
      expect(titles).toContain('Story 0');
      expect(titles).toContain('Story 2 ]]>');
      expect(titles).toContain('Story 3 -->');
      expect(titles).toContain('XHTML bold');
      expect(titles.filter((t) => t.startsWith('Json '))).toHaveLength(FAMILIES.length);

      const site = createSite({ db: current().db, config });
      const server = await createServer({ site, db: current().db, logger: createLogger('silent'), csp: PAGE_CSP, port: 0 });
      try {
        const get = async (url: string) => {
          const response = await server.inject({ url });
          expect(response.status, url).toBe(200);
          return response.body.toString('utf8');
        };

        // RSS and Atom: well-formed, every plain field plain as our parser and an independent reader see it.
        for (const [url, reader] of [['/feeds/headlines.xml', 'rss'], ['/feeds/headlines.atom', 'atom']] as const) {
          const xml = await get(url);
          expect(XMLValidator.validate(xml), url).toBe(true);
          if (reader === 'atom') expect(xml.match(/<title type="text">/g)?.length, url).toBe(stories);
          const parsed = parseFeed({ body: Buffer.from(xml) });
          expect(parsed.entries.length, url).toBe(stories);
          for (const entry of parsed.entries) {
            expect(entry.title?.type, url).toBe('text');
            const fields: [string, string | undefined][] = [
              ['title', entry.title?.value],
              ['source title', entry.source?.title],
              ...entry.authors.map((a): [string, string | undefined] => ['author', a.name]),
              ...entry.categories.map((c): [string, string | undefined] => ['category', c.label ?? c.term]),
            ];
            expect(tagShaped(fields), `${url} ${entry.id}`).toEqual([]);
            for (const body of [...entry.content, ...(entry.summary ? [entry.summary] : [])]) expect(executableProblems(body.value), url).toEqual([]);
          }
          const independent = await new Parser({ customFields: { item: ['dc:creator'] } }).parseString(xml);
          for (const item of independent.items) {
            const categories = (item.categories ?? []).map((c: unknown) => (typeof c === 'string' ? c : JSON.stringify(c)));
            expect(tagShaped([['title', item.title], ['creator', item.creator], ...categories.map((c): [string, string] => ['category', c])]), url).toEqual([]);
          }
          // No element or attribute the planted text could have made.
          expect(xml, url).not.toMatch(/<script|<svg|<img src=x|onerror|onload=|onmouseover/i);
        }

        // JSON Feed: the strings themselves, not only their escaping.
        const json = JSON.parse(await get('/feeds/headlines.json')) as {
          items: { title?: string; authors?: { name?: string }[]; tags?: string[]; content_html: string }[];
        };
        expect(json.items.length).toBe(stories);
        for (const item of json.items) {
          const fields: [string, string | undefined][] = [
            ['title', item.title],
            ...(item.authors ?? []).map((a): [string, string | undefined] => ['author', a.name]),
            ...(item.tags ?? []).map((t): [string, string] => ['tag', t]),
          ];
          expect(tagShaped(fields)).toEqual([]);
          expect(executableProblems(item.content_html)).toEqual([]);
        }

        // HTML pages: nothing executable; every headline, outlet name and page title as shown is plain too.
        const home = await get('/');
        const storyPaths = [...new Set(startTags(home).map((t) => t.attributes.href ?? '').filter((h) => /^\/stories\/\d+$/.test(h)))];
        expect(storyPaths.length).toBe(stories);
        const pages = ['/', '/archive', '/sources', '/search?q=story', ...storyPaths];
        for (const page of pages) {
          const markup = await get(page);
          // The status charts on /sources are our own inline SVG: the element is allowed there, its attributes still checked.
          expect(executableProblems(withoutSearchBox(markup)).filter((p) => p !== '<svg> element'), page).toEqual([]);
          expect(markup, page).not.toMatch(/<script|<svg[^>]*\son|<img src=x/i);
          const shown = [
            ...[...markup.matchAll(/<(h1|h2|title|td|li)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => shownText(m[2] ?? '')),
            ...[...markup.matchAll(/<a\b[^>]*>([\s\S]*?)<\/a>/g)].map((m) => shownText(m[1] ?? '')),
          ];
          expect(shown.filter((text) => TAG_SHAPED.test(text)), page).toEqual([]);
        }
        // The configured outlet name is plain wherever it is shown, not even escaped markup is left of it.
        expect(home).toContain('Configured outlet');
        for (const page of ['/', '/sources', '/feeds/headlines.xml', '/feeds/headlines.atom', '/feeds/headlines.json']) {
          expect(await get(page), page).not.toMatch(/onmouseover|alert\(1[01]\)/);
        }
      } finally {
        await server.close();
      }
    });
  });
}
