import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { createSite } from '../../src/site/index.js';
import { recordFetch, syncSources } from '../../src/store/index.js';
import { describeDatabase } from '../support/databases.js';
import { configuredSource, fetchOutcome, itemRecord } from '../store/builders.js';

/** Counts the queries run through the Kysely instance it is plugged into. */
class QueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

const CONFIG = (title: string) => parseConfig(JSON.stringify({
  site: { title, baseUrl: 'https://news.example' },
  sources: [{ id: 'a', url: 'https://a.example.org/feed.xml' }],
  vendors: [],
  feeds: [{ id: 'headlines', title: 'All' }],
}), 'test.json');

describeDatabase('sqlite', 'the site\'s render cache', (current) => {
  const setUp = async () => {
    const { db } = current();
    await syncSources(db, [configuredSource('a')]);
    await recordFetch(db, fetchOutcome('a', { items: [itemRecord('one')] }));
    const counter = new QueryCounter();
    let clock = 1_000_000;
    return { db, counter, counted: db.withPlugin(counter), now: () => new Date(clock), tick: (ms: number) => (clock += ms) };
  };

  it('serves a repeated request from the cache, and re-renders once stored content changes', async () => {
    const { db, counter, counted, now, tick } = await setUp();
    const site = createSite({ db: counted, config: CONFIG('Site'), now, versionCheckMs: 1_000, maxAgeMs: 60_000 });
    const first = await site.render('/feeds/headlines.json');
    expect(first?.body).toContain('Title of one');
    const afterFirst = counter.count;
    expect(afterFirst).toBeGreaterThan(1);

    tick(10);
    expect((await site.render('/feeds/headlines.json'))?.body).toBe(first?.body);
    expect(counter.count).toBe(afterFirst); // not even the content version: it was read 10 ms ago

    tick(2_000);
    expect((await site.render('/feeds/headlines.json'))?.body).toBe(first?.body);
    expect(counter.count).toBe(afterFirst + 1); // only the content version

    await recordFetch(db, fetchOutcome('a', { startedAt: '2024-06-01T13:00:00.000Z', items: [itemRecord('one'), itemRecord('two')] }));
    expect((await site.render('/feeds/headlines.json'))?.body).toBe(first?.body); // the version is re-read at most once a second
    tick(2_000);
    expect((await site.render('/feeds/headlines.json'))?.body).toContain('Title of two');
  });

  it('renders once for readers who ask at once for a page not yet cached', async () => {
    const { counter, counted, now } = await setUp();
    const alone = createSite({ db: counted, config: CONFIG('Site'), now });
    await alone.render('/feeds/headlines.atom');
    const oneRender = counter.count;

    counter.count = 0;
    const site = createSite({ db: counted, config: CONFIG('Site'), now });
    const bodies = await Promise.all(Array.from({ length: 20 }, () => site.render('/feeds/headlines.atom')));
    expect(new Set(bodies.map((b) => b?.body)).size).toBe(1);
    expect(counter.count).toBe(oneRender);
  });

  it('starts over when the config in effect changes', async () => {
    const { counted, now } = await setUp();
    let config = CONFIG('Before');
    const site = createSite({ db: counted, config: () => config, now });
    expect((await site.render('/'))?.body).toContain('Before');
    config = CONFIG('After');
    expect((await site.render('/'))?.body).toContain('After');
  });
});
