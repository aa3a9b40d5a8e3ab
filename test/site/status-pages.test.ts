import { expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { createSite } from '../../src/site/index.js';
import { recordFetch, recordPass, syncSources } from '../../src/store/index.js';
import { configuredSource, fetchOutcome, itemRecord } from '../store/builders.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { startTags } from '../publish/support/markup-scan.js';

const NOW = new Date('2026-11-30T12:30:00.000Z');
const DAY = 86_400_000;
const config = parseConfig(JSON.stringify({
  site: { title: 'Ops', baseUrl: 'https://news.example' },
  sources: [{ id: 'busy', url: 'https://busy.example/feed', title: 'Busy outlet' }, { id: 'broken', url: 'https://broken.example/feed' }],
  feeds: [{ id: 'all', title: 'All' }],
}), 'status-test.json');

/** The charts of a page: each `<svg class="chart">` with its label and its bars' classes and tooltips. */
function charts(page: string) {
  return [...page.matchAll(/<svg class="chart"[^>]*aria-label="([^"]*)"[^>]*>([\s\S]*?)<\/svg>/g)].map((m) => ({
    label: m[1] ?? '',
    bars: [...(m[2] ?? '').matchAll(/<rect class="bar( \w+)?"[^>]*height="([\d.]+)"[^>]*><title>([^<]*)<\/title><\/rect>/g)]
      .map((b) => ({ tone: (b[1] ?? '').trim(), height: Number(b[2]), title: b[3] ?? '' })),
  }));
}

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'status and sources charts', (current) => {
    async function seed() {
      const db = current().db;
      await syncSources(db, [configuredSource('busy', { title: 'Busy outlet' }), configuredSource('broken')]);
      // busy: 3 items today, 2 a week ago, 1 forty days ago (outside the 30-day window); 3 attempts: 200, 304, 200.
      const at = (days: number, hours = 0) => new Date(NOW.getTime() - days * DAY - hours * 3_600_000).toISOString();
      const items = [
        ...['t1', 't2', 't3'].map((g) => itemRecord(g, { publishedAt: at(0, 1), title: `Today ${g}` })),
        ...['w1', 'w2'].map((g) => itemRecord(g, { publishedAt: at(7), title: `Week ${g}` })),
        itemRecord('old', { publishedAt: at(40), title: 'Old' }),
      ];
      await recordFetch(db, fetchOutcome('busy', { startedAt: at(0, 8), durationMs: 900, items }));
      await recordFetch(db, fetchOutcome('busy', { startedAt: at(0, 6), durationMs: 40, status: 304, notModified: true }));
      await recordFetch(db, fetchOutcome('busy', { startedAt: at(0, 1), durationMs: 300, items: items.slice(0, 2) }));
      // broken: four failures in a row.
      for (const hours of [4, 3, 2, 1]) {
        await recordFetch(db, fetchOutcome('broken', { startedAt: at(0, hours), durationMs: 20_000, status: null, error: { code: 'TIMEOUT', message: 'no answer' } }));
      }
      await recordPass(db, { owner: 'worker@test', startedAt: at(0, 1), durationMs: 20_500, sources: 2, failed: 1, itemsNew: 0 });
      await recordPass(db, { owner: 'worker@test', startedAt: at(0, 6), durationMs: 400, sources: 1, failed: 0, itemsNew: 0 });
      await recordPass(db, { owner: 'worker@test', startedAt: at(3), durationMs: 999, sources: 1, failed: 0, itemsNew: 0 });
      return createSite({ db, config, now: () => NOW, versionCheckMs: 0 });
    }

    it('/sources draws, per source, 30 days of items and each attempt coloured by outcome', async () => {
      const site = await seed();
      const page = String((await site.render('/sources'))?.body);
      const all = charts(page);
      expect(all.map((c) => c.label)).toEqual([
        'busy: 5 items in the last 30 days, per day', 'busy: last 3 fetch attempts by duration, 0 failed',
        'broken: 0 items in the last 30 days, per day', 'broken: last 4 fetch attempts by duration, 4 failed',
      ]);
      const [busyDays, busyAttempts, brokenDays, brokenAttempts] = all;
      expect(busyDays?.bars).toHaveLength(30);
      expect(busyDays?.bars.at(-1)?.title).toBe('2026-11-30: 3 items');
      expect(busyDays?.bars.at(-8)?.title).toBe('2026-11-23: 2 items');
      expect(busyDays?.bars.filter((b) => b.height > 1)).toHaveLength(2);
      expect(busyAttempts?.bars.map((b) => b.tone)).toEqual(['ok', 'nm', 'ok']);
      expect(busyAttempts?.bars[1]?.title).toBe('2026-11-30 06:30 UTC: not modified (304) in 40 ms');
      expect(brokenDays?.bars.every((b) => b.height === 1)).toBe(true);
      expect(brokenAttempts?.bars.map((b) => b.tone)).toEqual(['err', 'err', 'err', 'err']);
      expect(page).toContain('<span class="bad">4 failed in a row</span>');
    });

    it('/status shows items per hour, the passes, the widest stories and each source', async () => {
      const site = await seed();
      const page = String((await site.render('/status'))?.body);
      const [hours, passes, ...sources] = charts(page);
      expect(hours?.bars).toHaveLength(48);
      // Every item was first seen when it was first fetched, 8 hours ago.
      expect(hours?.bars.reduce((n, b) => n + Number(/: (\d+) item/.exec(b.title)?.[1] ?? 0), 0)).toBe(6);
      expect(passes?.bars.map((b) => b.tone)).toEqual(['ok', 'err']);
      expect(passes?.label).toBe('2 passes in the last day by duration; the slowest took 20.5 s');
      expect(sources).toHaveLength(4);
      expect(page).toContain('No story was carried by more than one outlet this week.');
      expect(page).toContain('<a href="/status" aria-current="page">Status</a>');
      // Charts are plain SVG: no script, no event handler, no style attribute, no link.
      for (const tag of startTags(page).filter((t) => ['svg', 'rect', 'title'].includes(t.name))) {
        expect(Object.keys(tag.attributes).filter((a) => a.startsWith('on') || a === 'style' || a.includes('href'))).toEqual([]);
      }
    });

    it('/search answers a query with highlighted, escaped results, and a bad query with 400 and a message', async () => {
      const site = await seed();
      const found = await site.render('/search', 'q=today&sort=relevance');
      expect(found?.status).toBe(200);
      expect(String(found?.body)).toContain('<mark>Today</mark> t');
      expect(String(found?.body)).toContain('value="today"');
      const empty = await site.render('/search', '');
      expect(empty?.status).toBe(200);
      expect(String(empty?.body)).toContain('Type words to find stories');
      const bad = await site.render('/search', `q=${encodeURIComponent('"<script>')}`);
      expect(bad?.status).toBe(400);
      expect(String(bad?.body)).toContain('unbalanced quote');
      expect(String(bad?.body)).toContain('value="&quot;&lt;script&gt;"');
      expect(String(bad?.body)).not.toContain('<script>');
      const page = await site.render('/search', 'q=today&page=abc');
      expect(page?.status).toBe(400);
    });
  });
}
