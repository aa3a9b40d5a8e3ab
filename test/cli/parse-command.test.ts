import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOutput } from '../../src/cli/commands/parse.js';
import { startOrigin } from '../support/origin.js';
import type { Origin } from '../support/origin.js';
import { runCli } from './run-cli.js';

const CORPUS = path.resolve(process.cwd(), '../shared/corpora');
const RSS = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T &amp; co</title>
<link>/home</link><item><title>A &lt;b&gt;bold&lt;/b&gt; move</title><link>/a</link><guid isPermaLink="false">g1</guid>
<pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate><description>&lt;p onclick="x()"&gt;Hi &lt;a href="/x"&gt;there&lt;/a&gt;&lt;script&gt;bad()&lt;/script&gt;&lt;/p&gt;</description></item></channel></rss>`;

let dir: string;
let origin: Origin;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'feedloom-parse-'));
  writeFileSync(path.join(dir, 'feed.xml'), RSS);
  writeFileSync(path.join(dir, 'page.html'), '<!doctype html><html><body>hello</body></html>');
  writeFileSync(path.join(dir, 'latin1.xml'), Buffer.from('<rss version="2.0"><channel><title>caf\xe9</title></channel></rss>', 'latin1'));
  origin = await startOrigin();
  origin.route('/feed', {
    body: RSS.replace('<link>/a</link>', '<link>a</link>'),
    headers: { 'content-type': 'application/rss+xml', 'content-location': '/moved/feed' },
  });
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await origin.close();
});

describe('feedloom parse', () => {
  it('prints the DESIGN.md JSON for one file', async () => {
    const { code, stdout } = await runCli(['parse', path.join(dir, 'feed.xml'), '--base', 'https://example.org/feed.xml'], { cwd: dir });
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ ok: true, encoding: 'utf-8', format: 'rss2.0', warnings: [] });
    expect(out.feed).toMatchObject({ title: 'T & co', link: 'https://example.org/home' });
    expect(out.items).toEqual([{
      id: 'g1', url: 'https://example.org/a', title: 'A bold move',
      summary: '<p>Hi <a href="https://example.org/x">there</a></p>', content: '', authors: [], categories: [],
      published: '2003-06-10T04:00:00.000Z', updated: null, enclosures: [],
    }]);
  });

  it('prints one line per input with --jsonl, keeps going after bad input, and exits 1', async () => {
    const inputs = [path.join(dir, 'feed.xml'), path.join(dir, 'page.html'), path.join(dir, 'missing.xml')];
    const { code, stdout } = await runCli(['parse', '--jsonl', ...inputs], { cwd: dir });
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.input, l.ok])).toEqual([[inputs[0], true], [inputs[1], false], [inputs[2], false]]);
    expect(lines[1]).toMatchObject({ encoding: 'utf-8', error: expect.stringMatching(/^NOT_A_FEED: .*HTML page/) });
    expect(lines[2].error).toMatch(/missing\.xml: no such file/);
    for (const l of lines) expect(l.error ?? '').not.toContain('\n');
  });

  it('reads a file as if served with --content-type', async () => {
    const plain = await runCli(['parse', path.join(dir, 'latin1.xml')], { cwd: dir });
    const declared = await runCli(['parse', path.join(dir, 'latin1.xml'), '--content-type', 'application/xml; charset=iso-8859-1'], { cwd: dir });
    expect(JSON.parse(declared.stdout)).toMatchObject({ encoding: 'iso-8859-1', feed: { title: 'café' } });
    expect(JSON.parse(plain.stdout).encoding).not.toBe('iso-8859-1');
  });

  it('reads many inputs in the worker threads to the same output as one at a time in this thread, in input order', async () => {
    const folder = path.join(CORPUS, 'real-world');
    const inputs = readdirSync(folder).filter((name) => /\.(xml|json)$/.test(name) && name !== 'manifest.json').sort().slice(0, 40)
      .map((name) => path.join(folder, name));
    inputs.push(path.join(dir, 'page.html'), path.join(dir, 'missing.xml'));
    const one = (input: string): Record<string, unknown> => {
      if (!existsSync(input)) return { input, ok: false, error: `USAGE: ${input}: no such file` };
      return { input, ...parseOutput({ body: readFileSync(input) }, input) };
    };
    const expected = inputs.map(one);
    const jsonl = await runCli(['parse', '--jsonl', ...inputs], { cwd: dir });
    expect(jsonl.code).toBe(1);
    expect(jsonl.stdout.trim().split('\n').map((line) => JSON.parse(line))).toEqual(expected);
    const array = await runCli(['parse', ...inputs.slice(0, 40)], { cwd: dir });
    expect(JSON.parse(array.stdout)).toEqual(expected.slice(0, 40).filter((o) => o['ok'] === true).map(({ input: _input, ...rest }) => rest));
  });

  it('expands a directory to the feed files under it', async () => {
    const { stdout } = await runCli(['parse', '--jsonl', path.join(CORPUS, 'feedparser', 'wellformed', 'rdf')], { cwd: dir });
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(12);
    expect(lines.every((l) => l.ok)).toBe(true);
    expect(lines.map((l) => l.format).sort()).toEqual([...Array(10).fill('rss1.0'), 'rss0.90', 'rss0.90'].sort());
    expect(lines.map((l) => path.basename(l.input))).toContain('rss090_item_title.xml');
  });

  it('fetches a URL (resolving against Content-Location) and refuses private addresses unless allowed', async () => {
    const refused = await runCli(['parse', origin.urlFor('/feed')], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/feedloom parse: .*(private|loopback)/i);
    expect(origin.requestsTo('/feed')).toHaveLength(0);
    const { code, stdout } = await runCli(['parse', origin.urlFor('/feed'), '--allow-private-networks'], { cwd: dir });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).items[0].url).toBe(origin.urlFor('/moved/a'));
  });

  it('holds each document to the config\'s limits, with warnings naming the caps', async () => {
    const two = RSS.replace('</channel>', '<item><guid>g2</guid><title>Second of two items, with a title too long</title></item></channel>');
    writeFileSync(path.join(dir, 'two.xml'), two);
    writeFileSync(path.join(dir, 'limits.json'), JSON.stringify({ limits: { maxItems: 1, maxTitleChars: 20 } }));
    const env = { FEEDLOOM_CONFIG: path.join(dir, 'limits.json') };
    const { code, stdout } = await runCli(['parse', '--jsonl', path.join(dir, 'two.xml')], { cwd: dir, env });
    expect(code).toBe(0);
    const line = JSON.parse(stdout);
    expect(line.items.map((i: { id: string }) => i.id)).toEqual(['g1']);
    expect(line.warnings).toEqual(['limits.maxItems: the document has 2 items; kept the newest 1']);
    writeFileSync(path.join(dir, 'limits.json'), JSON.stringify({ limits: { maxTitleChars: 20 } }));
    const titles = JSON.parse((await runCli(['parse', '--jsonl', path.join(dir, 'two.xml')], { cwd: dir, env })).stdout);
    expect(titles.items.map((i: { title: string }) => i.title)).toEqual(['A bold move', 'Second of two items…']);
    expect(titles.warnings).toEqual(['limits.maxTitleChars: 1 title longer than 20 characters cut (the first: item "g2", 42 characters)']);
  });

  it('explains bad usage with exit 2', async () => {
    expect((await runCli(['parse'])).code).toBe(2);
    expect((await runCli(['parse', 'x.xml', '--bogus'])).stderr).toMatch(/Unknown option '--bogus'/);
    expect((await runCli(['parse', 'x.xml', '--base', 'not a url'])).code).toBe(2);
  });
});
