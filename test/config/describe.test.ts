import { describe, expect, it } from 'vitest';
import { describeConfig, parseConfig } from '../../src/config/index.js';

describe('describeConfig', () => {
  const config = parseConfig(
    JSON.stringify({
      site: { title: 'Cloud News', baseUrl: 'https://news.example/', websub: ['https://hub.example/'] },
      fetch: { concurrency: 4, perHostConcurrency: 1, timeoutMs: 15000, maxBytes: 5242880, allowPrivateNetworks: true },
      schedule: { tick: '*/2 * * * *', defaultInterval: '1h', minInterval: '10m', maxInterval: '12h' },
      retention: { days: 0 },
      dedup: { window: '3d' },
      cpu: { threads: 3 },
      limits: { maxItems: 200, maxContentBytes: 65536, cpuBudgetMs: 2500 },
      sources: [
        { id: 'a', url: 'https://a.example/feed', tags: ['linux', 'news'] },
        { id: 'b', url: 'https://b.example/feed', tags: ['linux'] },
        { id: 'c', url: 'https://c.example/feed' },
        { id: 'd', url: 'https://d.example/feed', tags: ['cloud'], enabled: false },
      ],
      vendors: [
        { id: 'vmware', name: 'VMware' },
        { id: 'suse', name: 'SUSE' },
      ],
      feeds: [
        { id: 'all', title: 'Everything', limit: 20 },
        {
          id: 'mixed',
          title: 'Mixed',
          match: {
            vendors: ['vmware'], vendorsAll: ['suse'], keywords: ['hypervisor'], exclude: ['sponsored'],
            sources: ['a'], sourceTags: ['linux', 'cloud'], maxAge: '2d', caseSensitive: true,
          },
        },
      ],
    }),
    'describe.json',
  );

  it('says what would run, one line per part', () => {
    expect(describeConfig(config)).toEqual([
      'site: "Cloud News" at https://news.example (en), WebSub hubs: https://hub.example/',
      'schedule: tick "*/2 * * * *", poll every 1h by default (between 10m and 12h)',
      'fetch: 4 at once, 1 per host, timeout 15s, at most 5 MiB per feed, private networks allowed, proxy from HTTP(S)_PROXY / NO_PROXY if set',
      'retention: keep every item; stories within 3d',
      'limits per document: the newest 200 items, titles of 1000 characters, 64 KiB per summary or content, nesting 256 deep',
      'cpu: 3 worker threads, at most 2500 ms per document',
      'sources: 3 enabled, 1 disabled',
      '  by tag: linux 2, news 1; untagged 1',
      'vendors: 2 (VMware, SUSE)',
      'curated feeds: 2',
      '  all "Everything": every item; newest 20',
      '  mixed "Mixed": about any of vmware; about all of suse; matching /hypervisor/; not matching /sponsored/; from a; ' +
        'from sources tagged linux, cloud (no enabled source is tagged cloud); at most 2d old, case-sensitive; newest 50',
    ]);
  });

  it('does not change the config it describes', () => {
    const before = JSON.stringify(config);
    describeConfig(config);
    expect(JSON.stringify(config)).toBe(before);
  });
});
