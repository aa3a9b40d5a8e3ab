import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../src/config/index.js';
import { ConfigError } from '../../src/model/errors.js';
import type { ConfigProblem } from '../../src/model/errors.js';

type Json = Record<string, unknown>;

/** A small valid config; each case below breaks one thing in it. */
function base(): Json {
  return {
    sources: [
      { id: 'lwn', url: 'https://lwn.net/headlines/rss', tags: ['linux'] },
      { id: 'dcd', url: 'https://www.datacenterdynamics.com/en/rss/', tags: ['datacentre'] },
    ],
    vendors: [{ id: 'vmware', name: 'VMware', aliases: ['VMware', 'vSphere'] }],
    feeds: [
      { id: 'headlines', title: 'All headlines' },
      { id: 'vmware', title: 'VMware news', match: { vendors: ['vmware'] } },
    ],
  };
}

function problemsIn(text: string): ConfigProblem[] {
  try {
    parseConfig(text, 'feeds.config.json');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

function problemLines(config: unknown): string[] {
  return problemsIn(JSON.stringify(config, null, 2)).map((problem) => `${problem.path}: ${problem.message}`);
}

interface Draft {
  root: Json;
  list(key: 'sources' | 'vendors' | 'feeds'): Json[];
  source(index: number): Json;
  vendor(index: number): Json;
  feed(index: number): Json;
}

/** Apply a change to a fresh base config and return it. */
function edit(change: (draft: Draft) => void): Json {
  const root = base();
  const list = (key: 'sources' | 'vendors' | 'feeds') => root[key] as Json[];
  const entry = (key: 'sources' | 'vendors' | 'feeds', index: number): Json => {
    const found = list(key)[index];
    if (found === undefined) throw new Error(`no ${key}[${index}] in the base config`);
    return found;
  };
  change({
    root,
    list,
    source: (index) => entry('sources', index),
    vendor: (index) => entry('vendors', index),
    feed: (index) => entry('feeds', index),
  });
  return root;
}

const SLUG = 'not a valid id: use lower-case letters, digits and single hyphens (e.g. "the-register")';
const DURATION = 'not a duration: use a number and a unit, e.g. "90s", "15m", "24h", "7d"';

describe('parseConfig: one problem, reported at its exact path', () => {
  it('accepts the base config', () => {
    expect(problemLines(base())).toEqual([]);
  });

  it.each<[string, Json, string]>([
    // sources
    ['ftp URL', edit((c) => { c.source(1)['url'] = 'ftp://example.org/feed'; }), 'sources[1].url: not an http(s) URL'],
    ['javascript: URL', edit((c) => { c.source(0)['url'] = 'javascript:alert(1)'; }), 'sources[0].url: not an http(s) URL'],
    ['URL without host', edit((c) => { c.source(0)['url'] = 'https://'; }), 'sources[0].url: not an http(s) URL'],
    ['URL of the wrong type', edit((c) => { c.source(0)['url'] = 5; }), 'sources[0].url: expected a string, got the number 5'],
    ['missing URL', edit((c) => { delete c.source(0)['url']; }), 'sources[0].url: required'],
    ['id not a slug', edit((c) => { c.source(0)['id'] = 'LWN.net'; }), `sources[0].id: ${SLUG}`],
    ['duplicate source id', edit((c) => { c.source(1)['id'] = 'lwn'; }), 'sources[1].id: duplicate id "lwn": sources[0] has it already'],
    ['duplicate source URL', edit((c) => { c.source(1)['url'] = 'https://lwn.net/headlines/rss'; }),
      'sources[1].url: duplicate URL "https://lwn.net/headlines/rss": sources[0] has it already'],
    ['interval not a duration', edit((c) => { c.source(0)['interval'] = '15 minutes'; }), `sources[0].interval: ${DURATION}`],
    ['zero interval', edit((c) => { c.source(0)['interval'] = '0s'; }), 'sources[0].interval: must be a duration longer than zero'],
    ['fractional priority', edit((c) => { c.source(0)['priority'] = 1.5; }), 'sources[0].priority: expected a whole number, got the number 1.5'],
    ['enabled as a string', edit((c) => { c.source(0)['enabled'] = 'yes'; }), 'sources[0].enabled: expected true or false, got the string "yes"'],
    ['tags as a string', edit((c) => { c.source(0)['tags'] = 'linux'; }), 'sources[0].tags: expected an array, got the string "linux"'],
    ['tag not a slug', edit((c) => { c.source(0)['tags'] = ['linux', 'Data Centre']; }), `sources[0].tags[1]: ${SLUG}`],
    ['typo in a source key', edit((c) => { c.source(0)['intervall'] = '15m'; }), 'sources[0].intervall: unknown key (did you mean "interval"?)'],
    ['sources not an array', edit((c) => { c.root['sources'] = { lwn: 'https://lwn.net/headlines/rss' }; }), 'sources: expected an array, got an object'],
    // site, fetch, schedule, retention, dedup
    ['baseUrl without a scheme', edit((c) => { c.root['site'] = { baseUrl: 'localhost:8080' }; }), 'site.baseUrl: not an http(s) URL'],
    ['bad language tag', edit((c) => { c.root['site'] = { language: 'english' }; }), 'site.language: not a language tag such as "en" or "en-GB"'],
    ['bad WebSub hub', edit((c) => { c.root['site'] = { websub: ['https://hub.example/', 'hub.example'] }; }), 'site.websub[1]: not an http(s) URL'],
    ['typo in a site key', edit((c) => { c.root['site'] = { baseURL: 'http://x.example' }; }), 'site.baseURL: unknown key (did you mean "baseUrl"?)'],
    ['timeout too short', edit((c) => { c.root['fetch'] = { timeoutMs: 10 }; }), 'fetch.timeoutMs: must be at least 1000'],
    ['no concurrency', edit((c) => { c.root['fetch'] = { concurrency: 0 }; }), 'fetch.concurrency: must be at least 1'],
    ['per-host limit above the global one', edit((c) => { c.root['fetch'] = { concurrency: 4, perHostConcurrency: 6 }; }),
      'fetch.perHostConcurrency: must not be more than concurrency (4)'],
    ['bad cron tick', edit((c) => { c.root['schedule'] = { tick: '61 * * * *' }; }),
      'schedule.tick: not a cron expression node-cron can run (61 is a invalid expression for minute); e.g. "*/5 * * * *"'],
    ['default interval below the minimum', edit((c) => { c.root['schedule'] = { minInterval: '2h' }; }),
      'schedule.defaultInterval: must not be shorter than minInterval (2h)'],
    ['default interval above the maximum', edit((c) => { c.root['schedule'] = { maxInterval: '10m' }; }),
      'schedule.defaultInterval: must not be longer than maxInterval (10m)'],
    ['minimum above the maximum', edit((c) => { c.root['schedule'] = { minInterval: '1d', maxInterval: '1h', defaultInterval: '2h' }; }),
      'schedule.minInterval: must not be longer than maxInterval (1h)'],
    ['negative retention', edit((c) => { c.root['retention'] = { days: -1 }; }), 'retention.days: must be at least 0'],
    ['dedup window not a duration', edit((c) => { c.root['dedup'] = { window: 'a week' }; }), `dedup.window: ${DURATION}`],
    // limits
    ['no items allowed', edit((c) => { c.root['limits'] = { maxItems: 0 }; }), 'limits.maxItems: must be at least 1'],
    ['a byte cap too small to hold a paragraph', edit((c) => { c.root['limits'] = { maxContentBytes: 100 }; }), 'limits.maxContentBytes: must be at least 1024'],
    ['a fractional depth', edit((c) => { c.root['limits'] = { maxDepth: 2.5 }; }), 'limits.maxDepth: expected a whole number, got the number 2.5'],
    ['typo in a limits key', edit((c) => { c.root['limits'] = { maxTitleChar: 200 }; }), 'limits.maxTitleChar: unknown key (did you mean "maxTitleChars"?)'],
    // vendors
    ['duplicate vendor id', edit((c) => { c.list('vendors').push({ id: 'vmware', name: 'VMware again' }); }),
      'vendors[1].id: duplicate id "vmware": vendors[0] has it already'],
    ['alias of the wrong type', edit((c) => { c.vendor(0)['aliases'] = ['VMware', 3]; }),
      'vendors[0].aliases[1]: expected an alias: a string, or an object { "text": ..., "caseSensitive": true|false }'],
    ['empty alias list', edit((c) => { c.vendor(0)['aliases'] = []; }), 'vendors[0].aliases: must have at least 1 entry'],
    ['empty alias', edit((c) => { c.vendor(0)['aliases'] = ['VMware', '']; }), 'vendors[0].aliases[1]: must not be empty'],
    ['typo in an alias object', edit((c) => { c.vendor(0)['aliases'] = ['VMware', { text: 'ESXi', casesensitive: true }]; }),
      'vendors[0].aliases[1].casesensitive: unknown key (did you mean "caseSensitive"?)'],
    ['caseSensitive not a boolean', edit((c) => { c.vendor(0)['aliases'] = [{ text: 'ESXi', caseSensitive: 'no' }]; }),
      'vendors[0].aliases[0].caseSensitive: expected true or false, got the string "no"'],
    ['vendor without a name', edit((c) => { delete c.vendor(0)['name']; }), 'vendors[0].name: required'],
    // feeds
    ['unknown vendor', edit((c) => { c.feed(1)['match'] = { vendors: ['vmwar'] }; }),
      'feeds[1].match.vendors[0]: unknown vendor "vmwar" (did you mean "vmware"?)'],
    ['unknown vendor in vendorsAll', edit((c) => { c.feed(1)['match'] = { vendorsAll: ['vmware', 'nobody'] }; }),
      'feeds[1].match.vendorsAll[1]: unknown vendor "nobody"'],
    ['unknown source', edit((c) => { c.feed(1)['match'] = { sources: ['lwm'] }; }),
      'feeds[1].match.sources[0]: unknown source "lwm" (did you mean "lwn"?)'],
    ['invalid keyword regex', edit((c) => { c.feed(1)['match'] = { keywords: ['hypervisor', '(virt'] }; }),
      'feeds[1].match.keywords[1]: invalid regular expression: Unterminated group'],
    ['empty keyword', edit((c) => { c.feed(1)['match'] = { keywords: [''] }; }),
      'feeds[1].match.keywords[0]: empty pattern: it would match every item'],
    ['exclude that matches everything', edit((c) => { c.feed(1)['match'] = { exclude: ['sponsored|'] }; }),
      'feeds[1].match.exclude[0]: pattern matches the empty string, so it would match every item'],
    ['maxAge not a duration', edit((c) => { c.feed(1)['match'] = { maxAge: 'old' }; }), `feeds[1].match.maxAge: ${DURATION}`],
    ['typo in a match key', edit((c) => { c.feed(1)['match'] = { vendor: ['vmware'] }; }),
      'feeds[1].match.vendor: unknown key (did you mean "vendors"?)'],
    ['limit zero', edit((c) => { c.feed(0)['limit'] = 0; }), 'feeds[0].limit: must be at least 1'],
    ['limit too high', edit((c) => { c.feed(0)['limit'] = 5000; }), 'feeds[0].limit: must be at most 1000'],
    ['feed without a title', edit((c) => { delete c.feed(0)['title']; }), 'feeds[0].title: required'],
    ['duplicate feed id', edit((c) => { c.feed(1)['id'] = 'headlines'; }), 'feeds[1].id: duplicate id "headlines": feeds[0] has it already'],
    ['no feeds', edit((c) => { c.root['feeds'] = []; }), 'feeds: at least one curated feed is needed (the home page shows the first)'],
    // the document
    ['typo in a top-level key', edit((c) => { c.root['vendor'] = []; }), 'vendor: unknown key (did you mean "vendors"?)'],
    ['unknown top-level key', edit((c) => { c.root['zzz'] = 1; }),
      'zzz: unknown key (expected one of: site, fetch, schedule, retention, dedup, cpu, limits, sources, vendors, feeds)'],
  ])('%s', (_name, config, expected) => {
    expect(problemLines(config)).toEqual([expected]);
  });

  it('reports a top-level value that is not an object at $', () => {
    expect(problemLines([])).toEqual(['$: expected an object, got an array']);
  });

  it('allows "$schema" at the top level only', () => {
    expect(problemLines({ $schema: './feeds.schema.json', ...base() })).toEqual([]);
    expect(problemLines(edit((c) => { c.source(0)['$schema'] = 'x'; }))).toEqual([
      'sources[0].$schema: unknown key (expected one of: id, url, title, siteUrl, tags, interval, priority, enabled, allowPrivateNetworks, auth)',
    ]);
  });

  it('reports a key written twice', () => {
    const text = '{"site": {"title": "A", "title": "B"}}';
    expect(problemsIn(text)).toEqual([
      { path: 'site.title', message: 'duplicate key: this object already has it (only one would count)', line: 1, column: 25 },
    ]);
  });
});

describe('parseConfig: many problems at once', () => {
  const text = [
    '{',
    '  "schedule": { "minInterval": "2h", "tick": "every minute" },',
    '  "sources": [',
    '    { "id": "lwn", "url": "https://lwn.net/headlines/rss", "tags": ["linux"] },',
    '    { "id": "lwn", "url": "gopher://example.org", "intervall": "5m" },',
    '    { "id": "ok", "url": "https://ok.example/feed", "interval": "soon" }',
    '  ],',
    '  "vendors": [ { "id": "vmware", "name": "VMware", "aliases": ["VMware", 7] } ],',
    '  "feeds": [',
    '    { "id": "vm", "title": "VMware", "match": { "vendors": ["vmwar"], "sources": ["lwn", "nope"], "keywords": ["["] } }',
    '  ],',
    '  "extra": true',
    '}',
  ].join('\n');

  it('lists every problem, in document order, with line and column', () => {
    const problems = problemsIn(text);
    expect(problems.map((problem) => `${problem.line}:${problem.column} ${problem.path}: ${problem.message}`)).toEqual([
      '2:3 schedule.defaultInterval: must not be shorter than minInterval (2h)',
      '2:38 schedule.tick: not a cron expression node-cron can run (expected 5 or 6 fields but got 2); e.g. "*/5 * * * *"',
      '5:7 sources[1].id: duplicate id "lwn": sources[0] has it already',
      '5:20 sources[1].url: not an http(s) URL',
      '5:51 sources[1].intervall: unknown key (did you mean "interval"?)',
      '6:53 sources[2].interval: not a duration: use a number and a unit, e.g. "90s", "15m", "24h", "7d"',
      '8:74 vendors[0].aliases[1]: expected an alias: a string, or an object { "text": ..., "caseSensitive": true|false }',
      '10:61 feeds[0].match.vendors[0]: unknown vendor "vmwar" (did you mean "vmware"?)',
      '10:90 feeds[0].match.sources[1]: unknown source "nope"',
      '10:112 feeds[0].match.keywords[0]: invalid regular expression: Unterminated character class',
      '12:3 extra: unknown key (expected one of: site, fetch, schedule, retention, dedup, cpu, limits, sources, vendors, feeds)',
    ]);
  });

  it('throws one ConfigError naming the file, the first problem and how many more', () => {
    let caught: unknown;
    try {
      parseConfig(text, 'my.config.json');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.file).toBe('my.config.json');
    expect(error.message).toBe(`my.config.json: ${error.problems[0]?.path}: ${error.problems[0]?.message} (and 10 more)`);
  });
});

describe('parseConfig: invalid JSON', () => {
  it('reports one problem with line and column', () => {
    const text = '{\n  "sources": [\n    { "id": "lwn", }\n  ]\n}';
    expect(problemsIn(text)).toEqual([
      { path: '$', message: "invalid JSON at line 3, column 20: trailing comma before '}'", line: 3, column: 20 },
    ]);
  });
});

describe('parseConfig: the typed result', () => {
  it('fills in every default for an empty object', () => {
    const config = parseConfig('{}', 'empty.json');
    expect(config.site).toEqual({
      title: 'feedloom headlines', baseUrl: 'http://localhost:8080', description: '', language: 'en', websub: [],
    });
    expect(config.fetch).toMatchObject({ timeoutMs: 20_000, maxBytes: 10_485_760, concurrency: 8, perHostConcurrency: 2, allowPrivateNetworks: false });
    expect(config.schedule).toEqual({ tick: '* * * * *', defaultIntervalMs: 1_800_000, minIntervalMs: 300_000, maxIntervalMs: 86_400_000 });
    expect(config.retention).toEqual({ days: 365 });
    expect(config.dedup).toEqual({ windowMs: 7 * 86_400_000 });
    expect(config.cpu).toEqual({ threads: null });
    expect(config.limits).toEqual({ maxItems: 5_000, maxTitleChars: 1_000, maxContentBytes: 524_288, maxDepth: 256, cpuBudgetMs: 10_000 });
    expect(config.sources).toEqual([]);
    expect(config.vendors).toEqual([]);
    expect(config.feeds).toHaveLength(1);
    expect(config.feeds[0]).toMatchObject({ id: 'headlines', title: 'All headlines', limit: 50, description: '' });
    expect(config.feeds[0]?.match).toMatchObject({ vendors: [], keywords: [], exclude: [], maxAgeMs: undefined, caseSensitive: false });
  });

  it('inherits interval and private-network settings into each source unless the source sets its own', () => {
    const config = parseConfig(
      JSON.stringify({
        fetch: { allowPrivateNetworks: true },
        schedule: { defaultInterval: '45m' },
        sources: [
          { id: 'a', url: 'http://127.0.0.1:8000/a.xml' },
          { id: 'b', url: 'https://b.example/feed', interval: '2h', allowPrivateNetworks: false, enabled: false, priority: 7, title: 'B' },
        ],
      }),
      'sources.json',
    );
    expect(config.sources).toEqual([
      { id: 'a', url: 'http://127.0.0.1:8000/a.xml', title: undefined, siteUrl: undefined, tags: [], intervalMs: 2_700_000, priority: 0, enabled: true, allowPrivateNetworks: true },
      { id: 'b', url: 'https://b.example/feed', title: 'B', siteUrl: undefined, tags: [], intervalMs: 7_200_000, priority: 7, enabled: false, allowPrivateNetworks: false },
    ]);
  });

  it('accepts an alias repeated in another case or spelled twice, keeps each spelling once, and says so', () => {
    const config = parseConfig(
      JSON.stringify({ vendors: [{ id: 'suse', name: 'SUSE', aliases: ['SUSE', 'SuSE', 'openSUSE', 'SUSE', { text: 'suse', caseSensitive: true }] }] }),
      'vendors.json',
    );
    expect(config.vendors[0]?.aliases.map((a) => a.text)).toEqual(['SUSE', 'SuSE', 'openSUSE', 'suse']);
    expect(config.warnings).toEqual([
      'vendors[0].aliases[1]: alias "SuSE" repeats in another case ("SUSE") aliases[0]; both are kept, and the vendor is tagged once',
      'vendors[0].aliases[3]: alias "SUSE" repeats aliases[0]; both are kept, and the vendor is tagged once',
      'vendors[0].aliases[4]: alias "suse" repeats in another case ("SUSE") aliases[0]; both are kept, and the vendor is tagged once',
    ]);
  });

  it('strips the trailing slash from baseUrl', () => {
    expect(parseConfig('{"site": {"baseUrl": "https://news.example/sub/"}}', 'x').site.baseUrl).toBe('https://news.example/sub');
  });

  it('compiles keyword and exclude patterns, case-insensitive unless asked', () => {
    const config = parseConfig(
      JSON.stringify({
        feeds: [
          { id: 'virt', title: 'Virtualisation', match: { keywords: ['virtuali[sz]ation', '\\bKVM\\b'], exclude: ['sponsored'], maxAge: '3d' } },
          { id: 'exact', title: 'Exact', match: { keywords: ['KVM'], caseSensitive: true } },
        ],
      }),
      'feeds.json',
    );
    const [virt, exact] = config.feeds;
    expect(virt?.match.keywords.map((pattern) => pattern.source)).toEqual(['virtuali[sz]ation', '\\bKVM\\b']);
    expect(virt?.match.keywords[0]?.regex.test('VIRTUALIZATION news')).toBe(true);
    expect(virt?.match.keywords[1]?.regex.test('kvm 9.0 released')).toBe(true);
    expect(virt?.match.keywords[1]?.regex.test('kvmtool')).toBe(false);
    expect(virt?.match.exclude[0]?.regex.test('[Sponsored] buy now')).toBe(true);
    expect(virt?.match.maxAgeMs).toBe(3 * 86_400_000);
    expect(exact?.match.keywords[0]?.regex.test('kvm')).toBe(false);
    expect(exact?.match.keywords[0]?.regex.test('KVM')).toBe(true);
    expect(exact?.match.keywords[0]?.regex.global).toBe(false);
  });
});

describe('loadConfig', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'feedloom-config-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads and validates a file', async () => {
    const file = path.join(dir, 'good.json');
    await writeFile(file, JSON.stringify(base()));
    const config = await loadConfig(file);
    expect(config.sources.map((source) => source.id)).toEqual(['lwn', 'dcd']);
  });

  it('names the file in the error for a bad one', async () => {
    const file = path.join(dir, 'bad.json');
    await writeFile(file, '{"sources": [{"id": "x"}]}');
    await expect(loadConfig(file)).rejects.toMatchObject({ file, problems: [{ path: 'sources[0].url', message: 'required' }] });
  });

  it('says clearly when the file does not exist', async () => {
    const file = path.join(dir, 'missing.json');
    await expect(loadConfig(file)).rejects.toBeInstanceOf(ConfigError);
    await expect(loadConfig(file)).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      problems: [{ path: '$', message: 'config file not found (set FEEDLOOM_CONFIG to use another file)' }],
    });
  });

  it('says clearly when the path is a directory', async () => {
    await expect(loadConfig(dir)).rejects.toMatchObject({ problems: [{ path: '$', message: 'config path is a directory, not a file' }] });
  });
});
