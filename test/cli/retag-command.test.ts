import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { contentVersion, guidKey, recordFetch, syncSources, vendorsOfItems } from '../../src/store/index.js';
import type { ItemRecord } from '../../src/store/index.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { runCli } from './run-cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'feedloom-retag-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function item(guid: string, title: string): ItemRecord {
  return {
    guid, guidKey: guidKey(guid), url: null, canonicalUrl: null, title, summaryHtml: '', contentHtml: '', text: title,
    authors: [], categories: [], enclosures: [], publishedAt: null, updatedAt: null, contentHash: guid, fingerprint: null,
    vendors: title.includes('VMware') ? [{ vendorId: 'vmware', matched: 'VMware', field: 'title', role: 'about' }] : [],
  };
}

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'feedloom retag', (current) => {
    it('rewrites vendor tags that changed with the dictionary, and only those', async () => {
      const { db, url } = current();
      await syncSources(db, [{ id: 's', url: 'https://s.example/feed', tags: [], enabled: true, priority: 0 }]);
      const written = await recordFetch(db, {
        sourceId: 's', startedAt: new Date(), durationMs: 1, status: 200, bytes: 1, notModified: false, nextFetchAt: null,
        items: [item('a', 'VMware ships vSphere 9'), item('b', 'Proxmox VE 9 released'), item('c', 'Kernel news')],
      });
      const [a, b, c] = written.newItemIds as [number, number, number];
      const configFile = path.join(dir, `${dialect}.json`);
      writeFileSync(configFile, JSON.stringify({
        sources: [{ id: 's', url: 'https://s.example/feed' }],
        vendors: [{ id: 'vmware', name: 'VMware', aliases: ['VMware'] }, { id: 'proxmox', name: 'Proxmox', aliases: ['Proxmox'] }],
      }));
      const before = await contentVersion(db);
      const result = await runCli(['retag'], { env: { DATABASE_URL: url, FEEDLOOM_CONFIG: configFile }, cwd: dir });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toBe('retag: 3 items checked, 1 changed (1 tags added, 0 removed)\n');
      expect(await vendorsOfItems(db, [a, b, c])).toEqual(new Map([[a, ['vmware']], [b, ['proxmox']]]));
      expect(await contentVersion(db)).toBe(before + 1);
      const again = await runCli(['retag'], { env: { DATABASE_URL: url, FEEDLOOM_CONFIG: configFile }, cwd: dir });
      expect(again.stdout).toContain('0 changed');
      expect(await contentVersion(db)).toBe(before + 1);
    });
  });
}
