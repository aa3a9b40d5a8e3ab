import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawnCli } from '../scale/spawn-cli.js';
import { startOrigin } from '../support/origin.js';
import type { Origin } from '../support/origin.js';

const CORPUS = path.resolve(process.cwd(), '../shared/corpora/real-world');

let origin: Origin;
let folder: string;
let env: Record<string, string>;

beforeAll(async () => {
  origin = await startOrigin({ conditional: true });
  origin.route('/aws', { body: readFileSync(path.join(CORPUS, 'feedjira__AmazonWebServicesBlog.xml')), headers: { 'content-type': 'application/atom+xml' } });
  origin.route('/down', { status: 503, body: 'busy', conditional: false });
  origin.route('/gone', { status: 410, body: 'gone', conditional: false });
  folder = mkdtempSync(path.join(tmpdir(), 'feedloom-logs-'));
  writeFileSync(path.join(folder, 'feeds.config.json'), JSON.stringify({
    fetch: { allowPrivateNetworks: true, timeoutMs: 5000 },
    sources: ['aws', 'down', 'gone'].map((id) => ({ id, url: origin.urlFor(`/${id}`) })),
  }));
  env = { DATABASE_URL: `sqlite:${path.join(folder, 'feedloom.db')}`, FEEDLOOM_CONFIG: path.join(folder, 'feeds.config.json') };
});

afterAll(async () => {
  await origin.close();
  rmSync(folder, { recursive: true, force: true });
});

function jsonLines(stderr: string): Record<string, unknown>[] {
  const lines = stderr.split('\n').filter((line) => line !== '');
  return lines.map((line) => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`not a JSON line: ${line}`);
    }
  });
}

it('ingest under a pipe writes only JSON lines on stderr, every line of a fetch naming its source', async () => {
  const run = spawnCli(['ingest', '--all'], { ...env, LOG_LEVEL: 'debug' });
  expect(await run.exited, run.stderr()).toBe(0);
  expect(run.stdout()).toMatch(/^ingest: 3 sources \(1 ok, 0 not modified, 2 failed\)/);
  const lines = jsonLines(run.stderr());
  for (const line of lines) {
    expect(line).toMatchObject({ level: expect.stringMatching(/^(debug|info|warn|error)$/), time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), msg: expect.any(String) });
  }
  const fetchLines = lines.filter((l) => /^(fetched|fetch failed|source |feed warning)/.test(String(l['msg'])));
  expect(fetchLines.length).toBeGreaterThanOrEqual(4);
  for (const line of fetchLines) expect(line['source'], JSON.stringify(line)).toMatch(/^(aws|down|gone)$/);
  expect(fetchLines.find((l) => l['source'] === 'aws' && l['msg'] === 'fetched')).toMatchObject({ outcome: 'ok', status: 200 });
  expect(fetchLines.find((l) => l['source'] === 'down' && l['level'] === 'warn')).toMatchObject({ code: 'HTTP_STATUS', msg: expect.stringContaining('HTTP 503') });
  expect(fetchLines.find((l) => l['source'] === 'gone' && l['notice'] === 'gone')).toBeDefined();
}, 30_000);

it('LOG_LEVEL is honoured, and a failing command reports one JSON line (its code, no stack unless debug)', async () => {
  const quiet = spawnCli(['ingest', '--all'], { ...env, LOG_LEVEL: 'error' });
  expect(await quiet.exited).toBe(0);
  expect(quiet.stderr()).toBe('');

  const bad = spawnCli(['ingest', '--source', 'nope'], { ...env, LOG_LEVEL: 'info' });
  expect(await bad.exited).toBe(2);
  const [line, ...more] = jsonLines(bad.stderr());
  expect(more).toEqual([]);
  expect(line).toMatchObject({ level: 'error', code: 'USAGE', msg: expect.stringMatching(/^feedloom ingest: ingest: --source nope: no such source/) });
  expect(line?.['stack']).toBeUndefined();

  const debug = spawnCli(['ingest', '--source', 'nope'], { ...env, LOG_LEVEL: 'debug' });
  expect(await debug.exited).toBe(2);
  expect(jsonLines(debug.stderr()).at(-1)?.['stack']).toMatch(/UsageError/);

  // A bad config: one line, its problems as a field.
  writeFileSync(path.join(folder, 'bad.json'), JSON.stringify({ sources: [{ id: 'x', url: 'ftp://nowhere' }] }));
  const invalid = spawnCli(['ingest'], { ...env, FEEDLOOM_CONFIG: path.join(folder, 'bad.json') });
  expect(await invalid.exited).toBe(2);
  const [problem, ...rest] = jsonLines(invalid.stderr());
  expect(rest).toEqual([]);
  expect(problem).toMatchObject({ code: 'CONFIG_INVALID', problems: [expect.stringContaining('sources[0].url')] });
}, 30_000);

it('LOG_FORMAT=pretty writes readable lines, and tool commands keep their one plain error line', async () => {
  const pretty = spawnCli(['ingest', '--all'], { ...env, LOG_FORMAT: 'pretty', LOG_LEVEL: 'warn' });
  expect(await pretty.exited).toBe(0);
  const lines = pretty.stderr().trim().split('\n');
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(line).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] .*WARN.*: /);
  expect(pretty.stderr()).toMatch(/fetch failed: HTTP_STATUS: HTTP 503.*"source":"down"/);

  const explain = spawnCli(['explain', 'no-such-item'], env);
  expect(await explain.exited).toBe(1);
  expect(explain.stderr()).toBe('explain: no stored item has the id, guid or URL no-such-item\n');
}, 30_000);
