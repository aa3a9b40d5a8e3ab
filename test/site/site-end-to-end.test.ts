import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { XMLValidator } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { parseFeed } from '../../src/parse/index.js';
import { PAGE_CSP } from '../../src/publish/index.js';
import { createServer } from '../../src/server/index.js';
import { createSite } from '../../src/site/index.js';
import { runCli } from '../cli/run-cli.js';
import { validateJsonSchema } from '../publish/support/json-schema.js';
import { executableProblems, withoutSearchBox } from '../publish/support/markup-scan.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { startOrigin } from '../support/origin.js';
import type { Origin } from '../support/origin.js';
import { createLogger } from '../../src/log/index.js';

const CORPORA = path.resolve(process.cwd(), '../shared/corpora');
const REAL = path.join(CORPORA, 'real-world');
const schema11 = JSON.parse(readFileSync(path.join(CORPORA, 'jsonfeed/jsonfeed-schema/schema-v1.1.json'), 'utf8')) as Record<string, unknown>;

/** A feed with script, event handlers and javascript: URLs planted everywhere a publisher controls. */
const HOSTILE = `<?xml version="1.0"?><rss version="2.0"><channel><title>Evil &lt;script&gt;alert(1)&lt;/script&gt;</title>
<link>javascript:alert(1)</link><description>x</description>
<item><title>VMware &lt;img src=x onerror=alert(1)&gt; news</title><link>javascript:alert(2)</link><guid>evil-1</guid>
<description>&lt;p onmouseover="alert(3)"&gt;Hi&lt;/p&gt;&lt;script&gt;alert(4)&lt;/script&gt;&lt;a href="javascript:alert(5)"&gt;x&lt;/a&gt;&lt;iframe src="https://e.example"&gt;&lt;/iframe&gt;</description>
<category>&lt;svg onload=alert(6)&gt;</category><pubDate>Mon, 02 Jun 2025 10:00:00 GMT</pubDate></item></channel></rss>`;

/** Every real-world capture that is a feed (ScriptingNews.json is RSS serialised as JSON: not a feed). */
const FEEDS = readdirSync(REAL).filter((f) => /\.(xml|rss|atom|rdf|json)$/.test(f) && f !== 'manifest.json' && f !== 'rsparser__ScriptingNews.json').sort();

let origin: Origin;
let dir: string;
beforeAll(async () => {
  origin = await startOrigin({ conditional: true });
  FEEDS.forEach((file, i) => origin.route(`/f${i}`, { body: readFileSync(path.join(REAL, file)) }));
  origin.route('/evil', { body: HOSTILE, headers: { 'content-type': 'application/rss+xml' } });
  dir = mkdtempSync(path.join(tmpdir(), 'feedloom-site-'));
  writeFileSync(path.join(dir, 'feeds.config.json'), JSON.stringify({
    site: { title: 'Test headlines', baseUrl: 'https://news.example' },
    fetch: { allowPrivateNetworks: true },
    sources: [...FEEDS.map((_, i) => ({ id: `f${i}`, url: origin.urlFor(`/f${i}`), title: `Outlet ${i}` })), { id: 'evil', url: origin.urlFor('/evil') }],
    vendors: [{ id: 'vmware', name: 'VMware', aliases: ['VMware'] }, { id: 'amazon', name: 'Amazon', aliases: ['AWS', 'Amazon'] }],
    feeds: [{ id: 'headlines', title: 'All', limit: 500 }, { id: 'aws', title: 'AWS', match: { vendors: ['amazon'] } }],
  }));
});
afterAll(async () => {
  await origin.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Executable markup, except inline SVG/MathML as such: the sanitiser keeps feedparser's safe subset of both (their attributes are still checked). */
function problems(markup: string): string[] {
  const own = /<html[\s>]/.test(markup) ? withoutSearchBox(markup) : markup;
  return executableProblems(own).filter((p) => !/^<(svg|math)> element$/.test(p));
}

function walk(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const full = path.join(root, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'the site over ingested corpus feeds', (current) => {
    // Ingests ~100 real feeds, builds the site, then compares and validates every file: minutes on a busy machine.
    it('builds static files byte-identical to what serve returns; every output valid and safe', { timeout: 240_000 }, async () => {
      const env = { DATABASE_URL: current().url, FEEDLOOM_CONFIG: path.join(dir, 'feeds.config.json') };
      const ingest = await runCli(['ingest', '--all', '--json'], { env, cwd: dir });
      expect(ingest.code, ingest.stderr).toBe(0);
      expect(JSON.parse(ingest.stdout).failures).toEqual([]);
      const out = path.join(dir, `out-${dialect}`);
      const build = await runCli(['build', '--out', out], { env, cwd: dir });
      expect(build.code, build.stderr).toBe(0);

      const config = await loadConfig(env.FEEDLOOM_CONFIG);
      const site = createSite({ db: current().db, config });
      const server = await createServer({ site, db: current().db, logger: createLogger('silent'), csp: PAGE_CSP, port: 0 });
      try {
        const files = walk(out).filter((f) => !f.endsWith('404.html'));
        expect(files.length).toBeGreaterThan(20);
        const rss = new Parser();
        for (const file of files) {
          const rel = path.relative(out, file).replace(/\\/g, '/');
          const urlPath = rel === 'index.html' ? '/' : `/${rel.replace(/\/index\.html$/, '')}`;
          const response = await server.inject({ url: urlPath });
          expect(response.status, urlPath).toBe(200);
          const built = readFileSync(file);
          expect(response.body.equals(built), `${urlPath} differs from ${rel}`).toBe(true);
          const text = built.toString('utf8');
          if (rel.endsWith('.html')) expect(problems(text), rel).toEqual([]);
          if (/\.(xml|atom)$/.test(rel)) {
            expect(XMLValidator.validate(text), rel).toBe(true);
            const parsed = parseFeed({ body: built });
            expect(parsed.warnings, rel).toEqual([]);
            const independent = await rss.parseString(text);
            expect(independent.items.length, rel).toBe(parsed.entries.length);
            for (const entry of parsed.entries) {
              for (const body of [...entry.content, ...(entry.summary ? [entry.summary] : [])]) expect(problems(body.value), rel).toEqual([]);
            }
          }
          if (rel.endsWith('.json')) expect(validateJsonSchema(JSON.parse(text), schema11), rel).toEqual([]);
          // Planted markup may show as escaped text, never as markup (attributes are checked by problems()).
          const planted = /<script|<iframe|<img src=x/i.exec(text);
          expect(planted ? text.slice(Math.max(0, planted.index - 80), planted.index + 80) : null, rel).toBeNull();
        }
        // The three formats of one feed list the same entries, in the same order.
        const ids = (ext: string) => parseFeed({ body: readFileSync(path.join(out, `feeds/headlines.${ext}`)) }).entries.map((e) => e.id);
        expect(ids('xml').length).toBeGreaterThan(50);
        expect(ids('atom')).toEqual(ids('xml'));
        expect(ids('json')).toEqual(ids('xml'));
        // The AWS feed holds only items about Amazon.
        const aws = JSON.parse(readFileSync(path.join(out, 'feeds/aws.json'), 'utf8')) as { items: { _feedloom: { vendors: string[]; coverage: unknown[] } }[] };
        expect(aws.items.length).toBeGreaterThan(5);
        for (const item of aws.items) {
          expect(item._feedloom.vendors).toContain('amazon');
          expect(item._feedloom.coverage.length).toBeGreaterThanOrEqual(1);
        }

        // Conditional GET and compression.
        const first = await server.inject({ url: '/feeds/headlines.atom', headers: { 'accept-encoding': 'gzip' } });
        expect(first.headers['content-encoding']).toBe('gzip');
        expect(gunzipSync(first.body).equals(readFileSync(path.join(out, 'feeds/headlines.atom')))).toBe(true);
        const again = await server.inject({ url: '/feeds/headlines.atom', headers: { 'if-none-match': first.headers['etag'] ?? '' } });
        expect(again.status).toBe(304);
        expect((await server.inject({ url: '/feeds/nope.xml' })).status).toBe(404);
        expect((await server.inject({ url: '/stories/999999999' })).status).toBe(404);
      } finally {
        await server.close();
      }
    });
  });
}
