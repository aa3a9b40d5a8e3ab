import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { spawnCli } from '../scale/spawn-cli.js';
import { runCli } from './run-cli.js';

let folder: string;
let file: string;
beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'feedloom-sources-edit-'));
  file = path.join(folder, 'feeds.config.json');
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const cli = (args: string[], config = file) => runCli(['sources', ...args], { env: { FEEDLOOM_CONFIG: config }, cwd: folder });
const SHIPPED = path.resolve(process.cwd(), 'feeds.config.json');

describe('feedloom sources remove', () => {
  const text = `{
  "sources": [
    { "id": "a", "url": "https://a.example/feed" },
    { "id": "b", "url": "https://b.example/feed" }
  ],
  "feeds": [
    { "id": "all", "title": "All" },
    { "id": "only-b", "title": "Only B", "match": { "sources": ["b"] } }
  ]
}
`;

  it('removes a source, and only its entry', async () => {
    writeFileSync(file, text);
    const result = await cli(['remove', 'a']);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(text.replace('    { "id": "a", "url": "https://a.example/feed" },\n', ''));
  });

  it('refuses while a curated feed rule names it, saying what to do, with exit 2 like every bad-config path', async () => {
    writeFileSync(file, text);
    const result = await cli(['remove', 'b']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('feeds[1] ("only-b") names "b" in match.sources: take it out of that rule first');
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('refuses an unknown id with exit 2', async () => {
    writeFileSync(file, text);
    const result = await cli(['remove', 'zz']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no source "zz" in the config \(known: a, b\)/);
  });
});

describe('feedloom sources import / export', () => {
  it('round-trips: export, import on an empty config, export again gives the same list', async () => {
    const exported = await cli(['export'], SHIPPED);
    expect(exported.code).toBe(0);
    const shipped = parseConfig(readFileSync(SHIPPED, 'utf8'), SHIPPED);
    expect(exported.stdout.match(/<outline /g)).toHaveLength(shipped.sources.length);
    writeFileSync(path.join(folder, 'list.opml'), exported.stdout);
    writeFileSync(file, '{\n  "site": { "title": "Hosting & Cloud Industry Headlines" }\n}\n');

    const imported = await cli(['import', 'list.opml', '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    const report = JSON.parse(imported.stdout) as { added: unknown[]; skipped: unknown[]; invalid: unknown[] };
    expect([report.added.length, report.skipped.length, report.invalid.length]).toEqual([shipped.sources.length, 0, 0]);
    const config = parseConfig(readFileSync(file, 'utf8'), file);
    const list = (c: typeof config) => c.sources.map((s) => ({ url: s.url, title: s.title, siteUrl: s.siteUrl, tags: s.tags }));
    expect(list(config)).toEqual(list(shipped));
    expect((await cli(['export'])).stdout).toBe(exported.stdout);
  });

  it('reports added, skipped and invalid outlines, and writes the config once', async () => {
    writeFileSync(file, '{"sources":[{"id":"lwn","url":"https://lwn.net/headlines/rss"}]}');
    writeFileSync(path.join(folder, 'in.opml'), `<?xml version="1.0"?><opml version="1.0"><body>
      <outline text="LWN" type="rss" xmlUrl="https://lwn.net/headlines/rss"/>
      <outline text="Linux"><outline text="LWN" type="rss" xmlUrl="https://lwn.net/other"/></outline>
      <outline text="Twice" type="rss" xmlUrl="https://twice.example/feed"/>
      <outline text="Twice again" type="rss" xmlUrl="https://twice.example/feed"/>
      <outline text="Broken" type="rss" xmlUrl="gopher://x"/>
    </body></opml>`);
    const result = await cli(['import', 'in.opml']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('import: 2 added, 2 skipped, 1 invalid');
    expect(result.stdout).toContain('skipped  https://lwn.net/headlines/rss  (already configured as "lwn")');
    expect(result.stdout).toContain('skipped  https://twice.example/feed  (listed twice in in.opml)');
    expect(result.stdout).toMatch(/invalid {2}Broken: xmlUrl "gopher:\/\/x": not an http\(s\) URL/);
    expect(readFileSync(file, 'utf8')).toBe('{"sources":[{"id":"lwn","url":"https://lwn.net/headlines/rss"},'
      + '{"id":"lwn-2","url":"https://lwn.net/other","title":"LWN","tags":["linux"]},{"id":"twice","url":"https://twice.example/feed","title":"Twice"}]}');
  });

  it('ends quietly when its reader stops early (`sources import big.opml | head`): no EPIPE stack trace', async () => {
    writeFileSync(file, '{}');
    const outlines = Array.from({ length: 6_000 }, (_, i) => `<outline text="Feed ${i}" type="rss" xmlUrl="https://feeds.example/${i}.xml"/>`);
    writeFileSync(path.join(folder, 'big.opml'), `<?xml version="1.0"?><opml version="2.0"><body>${outlines.join('\n')}</body></opml>`);
    const child = spawnCli(['sources', 'import', path.join(folder, 'big.opml')], { FEEDLOOM_CONFIG: file });
    // Like `head -n 1`: read the first chunk, then close the pipe.
    await new Promise<void>((resolve) => child.child.stdout?.once('data', () => resolve()));
    child.child.stdout?.destroy();
    const code = await child.exited;
    expect(child.stderr()).toBe('');
    expect(code).toBe(0);
    expect(parseConfig(readFileSync(file, 'utf8'), file).sources).toHaveLength(6_000);
  }, 60_000);

  it('refuses a file that is not OPML', async () => {
    writeFileSync(file, '{}');
    writeFileSync(path.join(folder, 'x.opml'), '<html><body>nope</body></html>');
    const result = await cli(['import', 'x.opml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not an OPML document/);
  });

  it('names the subcommands when given none', async () => {
    writeFileSync(file, '{}');
    const result = await cli([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/expected one of list, add, remove, import, export/);
  });
});
