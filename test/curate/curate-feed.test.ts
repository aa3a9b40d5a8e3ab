import { expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import type { Config } from '../../src/config/index.js';
import { curateFeed, matchItem } from '../../src/curate/index.js';
import { guidKey, recordFetch, syncSources } from '../../src/store/index.js';
import type { ItemRecord } from '../../src/store/index.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';

const config: Config = parseConfig(JSON.stringify({
  site: { title: 'Test site', baseUrl: 'https://news.example' },
  sources: [
    { id: 'reg', url: 'https://reg.example/feed', title: 'The Reg', tags: ['news'], priority: 1 },
    { id: 'blog', url: 'https://blog.example/feed', title: 'Vendor Blog', tags: ['vendor'], priority: 5 },
    { id: 'lwn', url: 'https://lwn.example/feed', tags: ['linux'] },
  ],
  vendors: [
    { id: 'vmware', name: 'VMware', aliases: ['VMware', 'vSphere'] },
    { id: 'redhat', name: 'Red Hat', aliases: ['Red Hat'] },
  ],
  feeds: [
    { id: 'all', title: 'All', limit: 3 },
    { id: 'vmware', title: 'VMware', match: { vendors: ['vmware'], exclude: ['sponsored'] } },
    { id: 'virt', title: 'Virt', match: { keywords: ['hypervisor', 'virtuali[sz]ation'] } },
    { id: 'both', title: 'Both', match: { vendorsAll: ['vmware', 'redhat'] } },
    { id: 'linuxsrc', title: 'Linux sources', match: { sourceTags: ['linux'] } },
    { id: 'fresh', title: 'Fresh', match: { maxAge: '2d' } },
    { id: 'names-redhat', title: 'Anything naming Red Hat', match: { mentions: ['redhat'] } },
    { id: 'about-redhat', title: 'Red Hat news', match: { vendors: ['redhat'] } },
  ],
}), 'test.json');

const NOW = new Date('2026-06-10T12:00:00.000Z');

function record(guid: string, title: string, publishedAt: string, vendors: string[] = [], mentions: string[] = []): ItemRecord {
  return {
    guid, guidKey: guidKey(guid), url: `https://x.example/${guid}`, canonicalUrl: null, title, summaryHtml: `<p>${title}</p>`,
    contentHtml: '', text: title, authors: [], categories: [], enclosures: [], publishedAt, updatedAt: null,
    contentHash: guid, fingerprint: null,
    vendors: [
      ...vendors.map((v) => ({ vendorId: v, matched: v, field: 'title' as const, role: 'about' as const })),
      ...mentions.map((v) => ({ vendorId: v, matched: v, field: 'text' as const, role: 'mention' as const })),
    ],
  };
}

const feed = (id: string) => {
  const f = config.feeds.find((x) => x.id === id);
  if (!f) throw new Error(id);
  return f;
};

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'curateFeed', (current) => {
    const seed = async () => {
      const { db } = current();
      await syncSources(db, config.sources.map((s) => ({ id: s.id, url: s.url, tags: s.tags, enabled: true, priority: s.priority, ...(s.title ? { title: s.title } : {}) })));
      const at = (sourceId: string, items: ItemRecord[]) => recordFetch(db, {
        sourceId, startedAt: '2026-06-10T11:00:00.000Z', durationMs: 1, status: 200, bytes: 1, notModified: false, nextFetchAt: null, items,
      });
      await at('reg', [
        record('r1', 'VMware raises vSphere prices', '2026-06-09T10:00:00.000Z', ['vmware']),
        record('r2', 'Sponsored: VMware migration guide', '2026-06-09T09:00:00.000Z', ['vmware']),
        record('r3', 'New hypervisor from a startup', '2026-06-05T08:00:00.000Z'),
        record('r4', 'Future-dated post', '2027-01-01T00:00:00.000Z'),
      ]);
      await at('blog', [record('b1', 'VMware and Red Hat partner on virtualization', '2026-06-08T10:00:00.000Z', ['vmware', 'redhat'])]);
      await at('lwn', [record('l1', 'Kernel 7.1 released', '2026-06-09T12:00:00.000Z')]);
      return db;
    };

    it('lists the newest stories first, up to the limit, with future dates ordered at first sight', async () => {
      const db = await seed();
      const result = await curateFeed(db, config, feed('all'), NOW);
      expect(result.entries.map((e) => e.title)).toEqual(['Future-dated post', 'Kernel 7.1 released', 'VMware raises vSphere prices']);
      expect(result.entries[0]?.published).toBe('2026-06-10T11:00:00.000Z');
      expect(result.feedUrls.atom).toBe('https://news.example/feeds/all.atom');
      expect(result.entries[1]?.id).toMatch(/^https:\/\/news\.example\/stories\/\d+$/);
    });

    it('selects by vendor, excluding by keyword', async () => {
      const result = await curateFeed(await seed(), config, feed('vmware'), NOW);
      expect(result.entries.map((e) => e.title)).toEqual(['VMware raises vSphere prices', 'VMware and Red Hat partner on virtualization']);
      expect(result.entries[1]?.vendors).toEqual([{ id: 'vmware', name: 'VMware' }, { id: 'redhat', name: 'Red Hat' }]);
      expect(result.entries[1]?.source).toEqual({ id: 'blog', title: 'Vendor Blog', siteUrl: null, feedUrl: 'https://blog.example/feed' });
      expect(result.entries[1]?.coverage).toEqual([
        { source: 'blog', sourceTitle: 'Vendor Blog', url: 'https://x.example/b1', id: 'b1', published: '2026-06-08T10:00:00.000Z', vendors: ['redhat', 'vmware'], mentions: ['redhat', 'vmware'] },
      ]);
    });

    it('selects by keyword regex, all-of vendors, source tags and age', async () => {
      const db = await seed();
      const titles = async (id: string) => (await curateFeed(db, config, feed(id), NOW)).entries.map((e) => e.title);
      expect(await titles('virt')).toEqual(['VMware and Red Hat partner on virtualization', 'New hypervisor from a startup']);
      expect(await titles('both')).toEqual(['VMware and Red Hat partner on virtualization']);
      expect(await titles('linuxsrc')).toEqual(['Kernel 7.1 released']);
      expect(await titles('fresh')).not.toContain('New hypervisor from a startup');
      expect(await titles('fresh')).toContain('Kernel 7.1 released');
    });

    it('selects by vendors named in passing with match.mentions, and only by subjects with match.vendors', async () => {
      const { db } = current();
      await syncSources(db, [{ id: 'reg', url: 'https://reg.example/feed', tags: [], enabled: true, priority: 0 }]);
      await recordFetch(db, {
        sourceId: 'reg', startedAt: '2026-06-10T11:00:00.000Z', durationMs: 1, status: 200, bytes: 1, notModified: false, nextFetchAt: null,
        items: [
          record('m1', 'VMware cuts prices, Red Hat watches', '2026-06-09T10:00:00.000Z', ['vmware'], ['redhat']),
          record('m2', 'Red Hat ships RHEL 10', '2026-06-09T09:00:00.000Z', ['redhat']),
          record('m3', 'VMware patches ESXi', '2026-06-09T08:00:00.000Z', ['vmware']),
        ],
      });
      const titles = async (id: string) => (await curateFeed(db, config, feed(id), NOW)).entries.map((e) => e.title);
      expect(await titles('names-redhat')).toEqual(['VMware cuts prices, Red Hat watches', 'Red Hat ships RHEL 10']);
      expect(await titles('about-redhat')).toEqual(['Red Hat ships RHEL 10']);
      const entry = (await curateFeed(db, config, feed('names-redhat'), NOW)).entries[0];
      expect(entry?.vendors).toEqual([{ id: 'vmware', name: 'VMware' }]);
      expect(entry?.mentions).toEqual([{ id: 'vmware', name: 'VMware' }, { id: 'redhat', name: 'Red Hat' }]);
    });

    it('gives an empty feed a fixed date so its renderings stay stable', async () => {
      const { db } = current();
      const result = await curateFeed(db, config, feed('vmware'), NOW);
      expect(result.entries).toEqual([]);
      expect(result.updated).toBe('1970-01-01T00:00:00.000Z');
    });
  });
}

it('explains a verdict', () => {
  const verdict = matchItem(feed('vmware').match, { title: 'Sponsored: VMware', text: '', sourceId: 'reg', vendorIds: ['vmware'], mentionIds: ['vmware'] }, undefined);
  expect(verdict).toEqual({ matches: false, reasons: ['about vmware', 'excluded by /sponsored/'] });
});
