import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { spawnCli } from '../scale/spawn-cli.js';
import { startOrigin } from '../support/origin.js';
import type { Origin } from '../support/origin.js';
import { runCli } from './run-cli.js';

const rss = (title: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title>`
  + '<link>https://blog.example/</link><description>d</description><item><guid>1</guid><title>One</title></item></channel></rss>';
const atom = '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Comments</title><id>urn:c</id>'
  + '<updated>2026-01-01T00:00:00Z</updated><entry><id>urn:c:1</id><title>c</title><updated>2026-01-01T00:00:00Z</updated></entry></feed>';
const page = `<!doctype html><html><head><title>Blog</title>
  <link rel="alternate" type="application/rss+xml" title="Posts" href="/posts.xml">
  <link rel="alternate" type="application/atom+xml" title="Comments" href="/comments.atom">
</head><body>hello</body></html>`;

let origin: Origin;
let folder: string;
let file: string;
const initial = '{\n  "fetch": { "allowPrivateNetworks": true, "timeoutMs": 5000 },\n  "sources": [\n    {\n      "id": "existing",\n      "url": "https://existing.example/feed"\n    }\n  ]\n}\n';

beforeAll(async () => {
  origin = await startOrigin();
  origin.route('/blog', { body: page, headers: { 'content-type': 'text/html; charset=utf-8' } });
  origin.route('/posts.xml', { body: rss('Example Posts'), headers: { 'content-type': 'application/rss+xml' } });
  origin.route('/comments.atom', { body: atom, headers: { 'content-type': 'application/atom+xml' } });
  origin.route('/plain', { body: '<html><head><title>no feeds</title></head></html>', headers: { 'content-type': 'text/html' } });
  folder = mkdtempSync(path.join(tmpdir(), 'feedloom-sources-add-'));
  file = path.join(folder, 'feeds.config.json');
});
afterAll(async () => {
  await origin.close();
  rmSync(folder, { recursive: true, force: true });
});
beforeEach(() => writeFileSync(file, initial));

const cli = (args: string[]) => runCli(['sources', 'add', ...args], { env: { FEEDLOOM_CONFIG: file }, cwd: folder });
const sources = () => parseConfig(readFileSync(file, 'utf8'), file).sources;

describe('feedloom sources add', () => {
  it('on a page with two alternate feeds, offers both and asks for a choice', async () => {
    const result = await cli([origin.urlFor('/blog')]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`1. ${origin.urlFor('/posts.xml')}  "Posts"  (application/rss+xml)`);
    expect(result.stdout).toContain(`2. ${origin.urlFor('/comments.atom')}  "Comments"  (application/atom+xml)`);
    expect(result.stderr).toMatch(/--pick N/);
    expect(readFileSync(file, 'utf8')).toBe(initial);
  });

  it('--pick chooses one; the entry is appended in the file\'s layout', async () => {
    const result = await cli([origin.urlFor('/blog'), '--pick', '2', '--tags', 'blog,comments']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('added "comments"');
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith(initial.slice(0, initial.indexOf('\n  ]')))).toBe(true);
    expect(text).toContain(`    {\n      "id": "comments",\n      "url": "${origin.urlFor('/comments.atom')}",\n      "title": "Comments",\n      "tags": ["blog", "comments"]\n    }\n  ]\n}\n`);
    expect(sources().map((s) => s.id)).toEqual(['existing', 'comments']);
  });

  it('adds a feed URL directly, with --id and --title, taking its site URL from the feed', async () => {
    const result = await cli([origin.urlFor('/posts.xml'), '--id', 'posts', '--title', 'My Posts']);
    expect(result.code, result.stderr).toBe(0);
    expect(sources().at(-1)).toMatchObject({ id: 'posts', url: origin.urlFor('/posts.xml'), title: 'My Posts', siteUrl: 'https://blog.example/' });
  });

  const refusals: { name: string; args: () => string[]; code: number; message: RegExp }[] = [
    { name: 'a page without feeds', args: () => [origin.urlFor('/plain')], code: 1, message: /not a feed and links to no feed/ },
    { name: 'a pick out of range', args: () => [origin.urlFor('/blog'), '--pick', '3'], code: 2, message: /--pick 3: choose 1 to 2/ },
    { name: 'an id already taken', args: () => [origin.urlFor('/posts.xml'), '--id', 'existing'], code: 2, message: /already has that id/ },
    { name: 'an invalid tag', args: () => [origin.urlFor('/posts.xml'), '--tags', 'Not OK'], code: 2, message: /not a valid tag/ },
    { name: 'not an http URL', args: () => ['ftp://x.example/feed'], code: 2, message: /not an http\(s\) URL/ },
    { name: 'a 404', args: () => [origin.urlFor('/missing')], code: 1, message: /HTTP 404/ },
  ];
  it.each(refusals)('refuses $name, leaving the file alone', async ({ args, code, message }) => {
    const result = await cli(args());
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(readFileSync(file, 'utf8')).toBe(initial);
  });

  it('refuses a feed already configured', async () => {
    expect((await cli([origin.urlFor('/posts.xml')])).code).toBe(0);
    const again = await cli([origin.urlFor('/posts.xml')]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already configured as "example-posts"/);
  });

  it('refuses a URL with user:password@ before fetching it', async () => {
    const url = origin.urlFor('/posts.xml').replace('http://', 'http://reader:s3cret@');
    const result = await cli([url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/credentials \(user:password@\) in a URL are refused/);
    expect(origin.requestsTo('/posts.xml').some((r) => r.headers.authorization !== undefined)).toBe(false);
  });

  it('loses no edit when several processes add sources at once (lock, re-read, temporary file + rename)', async () => {
    for (let round = 0; round < 3; round++) {
      writeFileSync(file, initial);
      const urls = ['a', 'b', 'c'].map((name) => {
        origin.route(`/race-${round}-${name}.xml`, { body: rss(`Race ${round} ${name}`), headers: { 'content-type': 'application/rss+xml' } });
        return origin.urlFor(`/race-${round}-${name}.xml`);
      });
      const processes = urls.map((url) => spawnCli(['sources', 'add', url], { FEEDLOOM_CONFIG: file }));
      const codes = await Promise.all(processes.map((p) => p.exited));
      expect(codes, processes.map((p) => p.stderr()).join('\n')).toEqual([0, 0, 0]);
      expect(sources().map((s) => s.url).sort()).toEqual(['https://existing.example/feed', ...urls].sort());
    }
  }, 120_000);
});
