import { afterAll, beforeAll, expect, it } from 'vitest';
import { fetchFeed } from '../../src/fetch/index.js';
import { runClaimedPass } from '../../src/ingest/index.js';
import type { IngestSettings } from '../../src/ingest/index.js';
import { claimSources, getSource, sourceStatuses, syncSources } from '../../src/store/index.js';
import type { Database } from '../../src/store/index.js';
import type { Kysely } from 'kysely';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { startOrigin } from '../support/origin.js';
import type { Origin, StaticResponse } from '../support/origin.js';

const M = 60_000;
const H = 60 * M;
const settings: IngestSettings = {
  userAgent: 'feedloom-test', timeoutMs: 5_000, maxBytes: 1_000_000, allowPrivateNetworks: true,
  defaultIntervalMs: 30 * M, minIntervalMs: 5 * M, maxIntervalMs: 24 * H,
};

/** An RSS 2.0 document with items dated `ages` minutes ago and extra channel markup. */
function rss(ages: number[], channel = '', namespaces = ''): string {
  const items = ages.map((age, i) => `<item><guid>item-${i}</guid><title>Item ${i}</title>`
    + `<pubDate>${new Date(Date.now() - age * M).toUTCString()}</pubDate></item>`).join('');
  return `<?xml version="1.0"?><rss version="2.0"${namespaces}><channel><title>T</title><link>http://example.org/</link>`
    + `<description>d</description>${channel}${items}</channel></rss>`;
}
const feed = (body: string, headers: Record<string, string> = {}): StaticResponse =>
  ({ body, headers: { 'content-type': 'application/rss+xml', ...headers } });
const hourlyItems = [30, 90, 150];

let origin: Origin;
beforeAll(async () => {
  origin = await startOrigin({ conditional: true });
});
afterAll(() => origin.close());

async function pass(db: Kysely<Database>, id: string) {
  return runClaimedPass(settings, { db, fetch: (request) => fetchFeed(request) }, {
    concurrency: 2, perHostConcurrency: 2, owner: 'test', leaseMs: 30_000, scope: { kind: 'ids', ids: [id] }, configured: () => undefined,
  });
}

/** The stored next check, in ms after the last fetch started. */
async function delayOf(db: Kysely<Database>, id: string): Promise<number> {
  const source = await getSource(db, id);
  return Date.parse(source?.nextFetchAt ?? '') - Date.parse(source?.lastFetchAt ?? '');
}

interface Case {
  name: string;
  route: StaticResponse;
  /** Expected delay in ms; checked within the ±10% jitter, or exactly (give or take the fetch time) when `exact`. */
  delay: number;
  exact?: boolean;
  errorCount?: number;
}

const CASES: Case[] = [
  { name: 'no hints: the configured interval', route: feed(rss([])), delay: 30 * M },
  { name: 'Cache-Control max-age', route: feed(rss(hourlyItems), { 'cache-control': 'public, max-age=7200' }), delay: 2 * H, exact: true },
  { name: 'Expires (relative to Date)', route: feed(rss(hourlyItems), { expires: new Date(Date.now() + 3 * H).toUTCString(), date: new Date().toUTCString() }), delay: 3 * H, exact: true },
  { name: 'Expires junk is ignored', route: feed(rss(hourlyItems), { expires: '0' }), delay: 30 * M },
  { name: 'RSS ttl', route: feed(rss(hourlyItems, '<ttl>240</ttl>')), delay: 4 * H, exact: true },
  {
    name: 'sy:updatePeriod / updateFrequency',
    route: feed(rss(hourlyItems, '<sy:updatePeriod>daily</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency>', ' xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"')),
    delay: 6 * H, exact: true,
  },
  { name: 'publishes every 10 minutes: polled more often (a quarter of the interval)', route: feed(rss([0, 10, 20, 30, 40])), delay: 7.5 * M },
  { name: 'quiet for two days: polled less often (eight times the interval)', route: feed(rss([2880, 2890, 2900])), delay: 4 * H },
  { name: '429 with Retry-After seconds', route: { status: 429, headers: { 'retry-after': '5400' } }, delay: 1.5 * H, exact: true },
  {
    name: '503 with Retry-After date',
    // The date is taken when the request is answered: a date fixed when this file loads is seconds stale by the time
    // the PostgreSQL half reaches this case.
    route: { status: 503, get headers() { return { 'retry-after': new Date(Date.now() + 2 * H).toUTCString() }; } },
    delay: 2 * H, exact: true,
  },
  { name: '503 with Retry-After junk: plain backoff', route: { status: 503, headers: { 'retry-after': 'tomorrow' } }, delay: 30 * M },
  { name: 'third failure in a row: backoff 4x', route: { status: 500 }, delay: 2 * H, errorCount: 2 },
  { name: 'a success after failures: reset', route: feed(rss(hourlyItems)), delay: 30 * M, errorCount: 5 },
];

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'scheduling inputs, stored', (current) => {
    it.each(CASES)('$name', async ({ name, route, delay, exact, errorCount }) => {
      const { db } = current();
      const path = `/${dialect}/${encodeURIComponent(name)}`;
      origin.route(path, route);
      await syncSources(db, [{ id: 's', url: origin.urlFor(path), tags: [], enabled: true, priority: 0 }]);
      if (errorCount !== undefined) await db.updateTable('sources').set({ error_count: errorCount }).execute();
      await pass(db, 's');
      const actual = await delayOf(db, 's');
      if (exact) {
        expect(actual).toBeGreaterThanOrEqual(delay - 5_000);
        expect(actual).toBeLessThanOrEqual(delay + 5_000);
      } else {
        expect(actual).toBeGreaterThanOrEqual(delay * 0.9 - 1_000);
        expect(actual).toBeLessThanOrEqual(delay * 1.1 + 5_000);
      }
      const stored = await getSource(db, 's');
      expect(stored?.errorCount).toBe(route.status !== undefined && route.status >= 400 ? (errorCount ?? 0) + 1 : 0);
    });

    const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

    it('skipHours move the next check past the skipped hours', async () => {
      const { db } = current();
      const hours = [...new Set([27, 30, 33, 90].map((m) => new Date(Date.now() + m * M).getUTCHours()))];
      // A skipped day two days ahead must not matter.
      const farDay = DAYS[(new Date().getUTCDay() + 3) % 7] ?? '';
      const channel = `<skipHours>${hours.map((h) => `<hour>${h}</hour>`).join('')}</skipHours><skipDays><day>${farDay}</day></skipDays>`;
      origin.route(`/${dialect}/skip-hours`, feed(rss(hourlyItems, channel)));
      await syncSources(db, [{ id: 's', url: origin.urlFor(`/${dialect}/skip-hours`), tags: [], enabled: true, priority: 0 }]);
      await pass(db, 's');
      const next = new Date((await getSource(db, 's'))?.nextFetchAt ?? '');
      expect(hours).not.toContain(next.getUTCHours());
      expect(next.getUTCMinutes()).toBe(0);
      expect(next.getTime()).toBeGreaterThan(Date.now() + 27 * M);
      expect(next.getTime()).toBeLessThan(Date.now() + 4 * H);
    });

    it('skipDays move the next check to the start of the next allowed day', async () => {
      const { db } = current();
      const due = new Date(Date.now() + 33 * M);
      const days = [DAYS[due.getUTCDay()] ?? '', DAYS[new Date(Date.now() + 27 * M).getUTCDay()] ?? ''];
      origin.route(`/${dialect}/skip-days`, feed(rss(hourlyItems, `<skipDays>${days.map((d) => `<day>${d}</day>`).join('')}</skipDays>`)));
      await syncSources(db, [{ id: 's', url: origin.urlFor(`/${dialect}/skip-days`), tags: [], enabled: true, priority: 0 }]);
      await pass(db, 's');
      const next = new Date((await getSource(db, 's'))?.nextFetchAt ?? '');
      expect(days).not.toContain(DAYS[next.getUTCDay()]);
      expect([next.getUTCHours(), next.getUTCMinutes()]).toEqual([0, 0]);
      expect(next.getTime() - Date.now()).toBeLessThanOrEqual(2 * 24 * H + 33 * M);
    });

    it('a 304 keeps honouring the ttl its feed gave', async () => {
      const { db } = current();
      origin.route(`/${dialect}/ttl304`, { ...feed(rss(hourlyItems, '<ttl>180</ttl>')), conditional: true });
      await syncSources(db, [{ id: 's', url: origin.urlFor(`/${dialect}/ttl304`), tags: [], enabled: true, priority: 0 }]);
      await pass(db, 's');
      const second = await pass(db, 's');
      expect(second.sources.notModified).toBe(1);
      expect(await delayOf(db, 's')).toBeGreaterThanOrEqual(3 * H - 5_000);
    });

    it('410 Gone disables the source and says so; a due claim skips it', async () => {
      const { db } = current();
      origin.route(`/${dialect}/gone`, { status: 410, body: 'gone' });
      await syncSources(db, [{ id: 'g', url: origin.urlFor(`/${dialect}/gone`), tags: [], enabled: true, priority: 0 }]);
      const summary = await pass(db, 'g');
      expect(summary.results[0]?.notices.map((n) => n.kind)).toEqual(['gone']);
      const [status] = await sourceStatuses(db);
      expect(status?.gone).toBe(true);
      await db.updateTable('sources').set({ next_fetch_at: null }).execute();
      expect(await claimSources(db, { owner: 'x', leaseMs: 1000, limit: 5, perHostLimit: 5, scope: { kind: 'due' } })).toEqual([]);
      // A changed URL in the config gives it another chance.
      await syncSources(db, [{ id: 'g', url: origin.urlFor(`/${dialect}/gone-v2`), tags: [], enabled: true, priority: 0 }]);
      expect((await sourceStatuses(db))[0]?.gone).toBe(false);
    });

    it('a permanent redirect seen on two consecutive fetches moves the source', async () => {
      const { db } = current();
      const from = `/${dialect}/old`;
      const to = `/${dialect}/new`;
      origin.route(from, { status: 301, headers: { location: to } });
      origin.route(to, feed(rss(hourlyItems)));
      await syncSources(db, [{ id: 'm', url: origin.urlFor(from), tags: [], enabled: true, priority: 0 }]);
      const first = await pass(db, 'm');
      expect(first.results[0]?.notices).toEqual([]);
      expect((await sourceStatuses(db))[0]?.movedUrl).toBeNull();
      const second = await pass(db, 'm');
      expect(second.results[0]?.notices.map((n) => n.kind)).toEqual(['moved']);
      const [status] = await sourceStatuses(db);
      expect(status?.movedUrl).toBe(origin.urlFor(to));
      expect(status?.url).toBe(origin.urlFor(from));
      origin.clearRequests();
      await pass(db, 'm');
      expect(origin.requests.map((r) => r.pathname)).toEqual([to]);
    });
  });
}
