import { expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { StoryAssigner, VendorMention } from '../../src/model/index.js';
import { MAX_QUERY_LENGTH, searchStories } from '../../src/search/index.js';
import type { SearchResult } from '../../src/search/index.js';
import { purgeItems, recordFetch, retagItems, syncSources } from '../../src/store/index.js';
import type { Database } from '../../src/store/index.js';
import { configuredSource, fetchOutcome, itemRecord } from '../store/builders.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';

type Item = Parameters<typeof itemRecord>[1] & { guid: string; vendors?: VendorMention[] };

/** Stories by canonical URL only: what the tests below need, without the story engine's judgement. */
const byUrl: StoryAssigner = async (port, added) => {
  for (const item of added) {
    const same = item.canonicalUrl === null ? [] : (await port.itemsWithUrls([item.canonicalUrl], item.atMs - 30 * 86_400_000, item.atMs + 30 * 86_400_000, 5)).filter((i) => i.itemId !== item.itemId);
    const story = same[0] === undefined ? undefined : (await port.storiesOf([same[0].itemId])).get(same[0].itemId);
    if (story === undefined) {
      await port.setStories(await port.foundStories([{ itemId: item.itemId, atMs: item.atMs }]));
    } else {
      await port.setStories(new Map([[item.itemId, story]]));
      await port.recountStories([story]);
    }
  }
};

async function store(db: Kysely<Database>, sourceId: string, startedAt: string, items: Item[]): Promise<void> {
  await recordFetch(db, fetchOutcome(sourceId, { startedAt, stories: byUrl, items: items.map(({ guid, vendors, ...fields }) => ({ ...itemRecord(guid, fields), ...(vendors ? { vendors } : {}) })) }));
}

function hits(result: SearchResult) {
  if (!result.ok) throw new Error(`search refused: ${result.message}`);
  return result.hits;
}

/** Three stories: patches (told by two outlets, same article URL), a hypervisor launch, and a data-centre deal. */
async function seed(db: Kysely<Database>): Promise<void> {
  await syncSources(db, [configuredSource('register', { title: 'The Register' }), configuredSource('lwn', { title: 'LWN.net' })]);
  await store(db, 'register', '2026-11-01T10:00:00.000Z', [
    {
      guid: 'patch-r', title: 'Kernel maintainers ship urgent patches', canonicalUrl: 'https://example.org/kernel-patches', url: 'https://example.org/kernel-patches',
      publishedAt: '2026-11-01T09:00:00.000Z', text: 'The kernel maintainers shipped urgent patches on Friday after a bug in the scheduler.',
    },
    {
      guid: 'hv', title: 'A new hypervisor arrives', publishedAt: '2026-11-03T09:00:00.000Z',
      text: 'The hypervisor promises faster live migration. It was patched twice before launch, and the vendor says more fixes come.',
      vendors: [{ vendorId: 'red-hat', matched: 'RHEL', field: 'text', role: 'about' }],
    },
  ]);
  await store(db, 'lwn', '2026-11-02T10:00:00.000Z', [
    {
      guid: 'patch-l', title: 'Scheduler bug fixed', canonicalUrl: 'https://example.org/kernel-patches', url: 'https://example.org/kernel-patches?utm_source=x',
      publishedAt: '2026-11-01T09:30:00.000Z', text: 'A scheduler bug is fixed; the patch went to the stable kernels.',
    },
    {
      guid: 'dc', title: 'Colocation deal signed in Frankfurt', publishedAt: '2026-11-05T09:00:00.000Z',
      text: 'An operator signs a deal for 40 MW of colocation space; no kernel news here, but "quotes" <b>and</b> & ampersands.',
    },
  ]);
}

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'full-text search', (current) => {
    it('finds stories by a word of the title or the text, stemmed, one hit per story, newest story first', async () => {
      const db = current().db;
      await seed(db);
      // "patches" matches patch, patches, patched: three items in two stories.
      const found = hits(await searchStories(db, 'patches'));
      expect(found.map((h) => h.storyId)).toHaveLength(2);
      expect(new Set(found.map((h) => h.storyId)).size).toBe(2);
      // Newest story first: the hypervisor (Nov 3) before the kernel patches (Nov 1).
      expect(found.map((h) => h.title.text)).toEqual(['A new hypervisor arrives', expect.stringMatching(/patches|Scheduler/)]);
      // The kernel story's hit is its best match: the item whose title says "patches".
      expect(found[1]?.title.text).toBe('Kernel maintainers ship urgent patches');
      expect(found[1]?.storySources).toBe(2);
      const result = await searchStories(db, 'patches');
      expect(result.ok && result.total).toBe(2);
    });

    it('ranks title matches above text-only matches when asked for relevance', async () => {
      const db = current().db;
      await seed(db);
      const byRelevance = hits(await searchStories(db, 'scheduler', { order: 'relevance' }));
      // Both kernel items name the scheduler; the hypervisor does not: one story.
      expect(byRelevance).toHaveLength(1);
      const kernel = hits(await searchStories(db, 'kernel', { order: 'relevance' }));
      // "kernel" is in the patch story's title and in the colocation item's text only.
      expect(kernel.map((h) => h.title.text)).toEqual(['Kernel maintainers ship urgent patches', 'Colocation deal signed in Frankfurt']);
      const newest = hits(await searchStories(db, 'kernel'));
      expect(newest.map((h) => h.title.text)).toEqual(['Colocation deal signed in Frankfurt', 'Kernel maintainers ship urgent patches']);
    });

    it('searches source names and vendor tags, every word required, and phrases in order', async () => {
      const db = current().db;
      await seed(db);
      expect(hits(await searchStories(db, 'LWN')).map((h) => h.source.id)).toEqual(['lwn', 'lwn']);
      expect(hits(await searchStories(db, 'red hat')).map((h) => h.title.text)).toEqual(['A new hypervisor arrives']);
      expect(hits(await searchStories(db, 'rhel migration'))).toHaveLength(1);
      expect(hits(await searchStories(db, 'rhel frankfurt'))).toHaveLength(0);
      expect(hits(await searchStories(db, '"live migration"'))).toHaveLength(1);
      expect(hits(await searchStories(db, '"migration live"'))).toHaveLength(0);
    });

    it('highlights the matched words of the title and snippet, as offsets into plain text', async () => {
      const db = current().db;
      await seed(db);
      const [hit] = hits(await searchStories(db, 'Colocation AMPERSANDS'));
      if (hit === undefined) throw new Error('no hit');
      const marked = (m: { text: string; marks: [number, number][] }) => m.marks.map(([s, e]) => m.text.slice(s, e));
      expect(marked(hit.title)).toEqual(['Colocation']);
      expect(marked(hit.snippet)).toEqual(['colocation', 'ampersands']);
      expect(hit.snippet.text).toContain('"quotes" <b>and</b> &');
    });

    it('treats full-text operators and syntax as plain text, and refuses what cannot run with a message', async () => {
      const db = current().db;
      await seed(db);
      const hostile = [
        'kernel OR hypervisor', 'NOT kernel', 'kernel AND', 'NEAR(kernel patch)', 'kern*', 'title:kernel', '^kernel', '(kernel',
        'kernel)', '-kernel', 'kernel -patch', "kernel'; drop table items; --", 'kernel\\', '{kernel}', 'kernel:*', 'kernel & patch', 'kernel | patch',
        '!kernel', '<->kernel', 'kernel <-> patch', '"kernel" "patch"', 'a"b""c"', '∑∂ ☃ kernel', '\u0000kernel',
      ];
      for (const query of hostile) {
        const result = await searchStories(db, query);
        expect(result.ok, `${query}: ${result.ok ? '' : result.message}`).toBe(true);
      }
      // Operators are words: "OR" must occur, so nothing has kernel, OR and hypervisor all three.
      expect(hits(await searchStories(db, 'kernel OR hypervisor'))).toHaveLength(0);
      // kern* is the word "kern", not a prefix search.
      expect(hits(await searchStories(db, 'kern*'))).toHaveLength(0);
      expect(hits(await searchStories(db, 'title:kernel')).length).toBe(0);
      expect(hits(await searchStories(db, 'kernel -patch')).length).toBeGreaterThan(0);

      const refused = async (query: string) => {
        const result = await searchStories(db, query);
        if (result.ok) throw new Error(`${query} was run`);
        return result.message;
      };
      expect(await refused('')).toMatch(/Type one or more words/);
      expect(await refused('   ')).toMatch(/Type one or more words/);
      expect(await refused('"kernel patch')).toMatch(/unbalanced quote/);
      expect(await refused('x'.repeat(MAX_QUERY_LENGTH + 1))).toMatch(/too long/);
      expect(await refused('* ( ) : ^ - ""')).toMatch(/letters or digits/);
      expect(await refused(Array.from({ length: 20 }, (_, i) => `w${i}`).join(' '))).toMatch(/too many words/);
    });

    it('pages through results and keeps the index in step with retag and retention', async () => {
      const db = current().db;
      await syncSources(db, [configuredSource('a')]);
      const items = Array.from({ length: 25 }, (_, i) => ({
        guid: `g${i}`, title: `Cloud outage number ${i}`, publishedAt: new Date(Date.UTC(2026, 10, 1, i)).toISOString(), url: `https://example.org/${i}`,
        canonicalUrl: `https://example.org/${i}`, text: `Outage report ${i} about storage`,
      }));
      await store(db, 'a', '2026-11-02T00:00:00.000Z', items);
      const first = await searchStories(db, 'outage');
      const second = await searchStories(db, 'outage', { page: 2 });
      if (!first.ok || !second.ok) throw new Error('refused');
      expect([first.total, first.pages, first.hits.length, second.hits.length]).toEqual([25, 2, 20, 5]);
      expect(first.hits[0]?.title.text).toBe('Cloud outage number 24');
      expect(second.hits.at(-1)?.title.text).toBe('Cloud outage number 0');
      expect(new Set([...first.hits, ...second.hits].map((h) => h.storyId)).size).toBe(25);
      const beyond = await searchStories(db, 'outage', { page: 3 });
      expect(beyond.ok && beyond.hits).toEqual([]);
      expect((await searchStories(db, 'outage', { page: 0 })).ok).toBe(false);

      // retag adds a vendor: the index follows.
      expect(hits(await searchStories(db, 'netapp'))).toHaveLength(0);
      await retagItems(db, ({ text }) => (/storage/.test(text) ? [{ vendorId: 'netapp', matched: 'storage', field: 'text', role: 'mention' }] : []));
      expect(hits(await searchStories(db, 'netapp'))).toHaveLength(20);

      // Retention removes items, and their rows go with them.
      await purgeItems(db, { before: '2030-01-01T00:00:00.000Z' });
      const after = await searchStories(db, 'outage');
      expect(after.ok && after.total).toBe(0);
    });
  });
}
