import { expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { createFeedWatcher } from '../../src/site/index.js';
import { guidKey, recordFetch, syncSources } from '../../src/store/index.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';

const config = parseConfig(JSON.stringify({
  site: { baseUrl: 'https://news.example' },
  sources: [{ id: 's', url: 'https://s.example/feed' }],
  vendors: [{ id: 'vmware', name: 'VMware', aliases: ['VMware'] }],
  feeds: [{ id: 'all', title: 'All' }, { id: 'vmware', title: 'VMware', match: { vendors: ['vmware'] } }],
}), 'watch.json');

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'createFeedWatcher', (current) => {
    it('reports the feeds whose content changed, after a first call that only records', async () => {
      const { db } = current();
      await syncSources(db, [{ id: 's', url: 'https://s.example/feed', tags: [], enabled: true, priority: 0 }]);
      const watcher = createFeedWatcher(db, () => config);
      expect(await watcher.changed()).toEqual([]);
      expect(await watcher.changed()).toEqual([]);
      await recordFetch(db, {
        sourceId: 's', startedAt: new Date(), durationMs: 1, status: 200, bytes: 1, notModified: false, nextFetchAt: null,
        items: [{
          guid: 'k', guidKey: guidKey('k'), url: 'https://s.example/k', canonicalUrl: null, title: 'Kernel release', summaryHtml: '', contentHtml: '',
          text: 'Kernel release', authors: [], categories: [], enclosures: [], publishedAt: null, updatedAt: null, contentHash: 'k', fingerprint: null, vendors: [],
        }],
      });
      expect(await watcher.changed()).toEqual(['https://news.example/feeds/all.xml', 'https://news.example/feeds/all.atom', 'https://news.example/feeds/all.json']);
      expect(await watcher.changed()).toEqual([]);
    });
  });
}
