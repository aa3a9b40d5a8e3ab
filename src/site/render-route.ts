import type { Kysely } from 'kysely';
import type { Config } from '../config/index.js';
import { curateFeed } from '../curate/index.js';
import {
  FEED_MEDIA_TYPES, OPML_MEDIA_TYPE, renderArchiveIndex, renderArchiveMonth, renderAtom, renderFeedPage, renderJsonFeed,
  renderMoved, renderOpml, renderRss, renderSearchPage, renderSourcesPage, renderStatusPage, renderStoryPage,
} from '../publish/index.js';
import { sitePaths } from '../routes/index.js';
import type { SiteRoute } from '../routes/index.js';
import type { Rendered } from '../server/index.js';
import { archiveMonths, resolveStories } from '../store/index.js';
import type { Database } from '../store/index.js';
import { searchFor } from './search-data.js';
import { sourceActivity, statusOverview } from './status-data.js';
import { archivePage, entriesOf, ingestStatus, opmlInput, siteInfo, sourcesHealth } from './site-data.js';

const HTML = 'text/html; charset=utf-8';
const EPOCH = '1970-01-01T00:00:00.000Z';

function latest(dates: readonly string[]): string | undefined {
  const max = dates.reduce((a, b) => (b > a ? b : a), '');
  return max && max !== EPOCH ? max : undefined;
}

function page(body: string, lastModified?: string): Rendered {
  return { status: 200, contentType: HTML, body, ...(lastModified ? { lastModified } : {}) };
}

/** A story merged into another answers with a permanent redirect to the one it became part of. */
async function storyRedirect(db: Kysely<Database>, config: Config, storyId: number): Promise<Rendered | undefined> {
  const into = (await resolveStories(db, [storyId])).get(storyId);
  if (into === undefined || into === storyId) return undefined;
  const paths = sitePaths(config.site.baseUrl);
  const path = paths.story(String(into));
  return { status: 301, contentType: HTML, location: paths.absolute(path), body: renderMoved({ site: siteInfo(config), path }) };
}

/** Render one route from the database and config; undefined when the route names nothing that exists. */
export async function renderRoute(route: SiteRoute, db: Kysely<Database>, config: Config, now: Date, query = ''): Promise<Rendered | undefined> {
  const site = siteInfo(config);
  switch (route.kind) {
    case 'feed-page':
    case 'feed-file': {
      const feedConfig = config.feeds.find((f) => f.id === route.feedId);
      if (!feedConfig) return undefined;
      const feed = await curateFeed(db, config, feedConfig, now);
      const lastModified = latest([feed.updated]);
      if (route.kind === 'feed-page') {
        // The ingestion status is only shown in the empty state.
        const status = feed.entries.length === 0 ? { status: await ingestStatus(db, config) } : {};
        return page(renderFeedPage({ site, feed, ...status }), lastModified);
      }
      const render = { rss: renderRss, atom: renderAtom, json: renderJsonFeed }[route.format];
      return { status: 200, contentType: `${FEED_MEDIA_TYPES[route.format]}; charset=utf-8`, body: render(feed), ...(lastModified ? { lastModified } : {}) };
    }
    case 'archive':
      return page(renderArchiveIndex({ site, months: await archiveMonths(db), status: await ingestStatus(db, config) }));
    case 'archive-month': {
      const { entries, pages } = await archivePage(db, config, route.year, route.month, route.page);
      if (pages === 0 || route.page > pages) return undefined;
      const months = await archiveMonths(db);
      return page(renderArchiveMonth({ site, year: route.year, month: route.month, page: route.page, pages, entries, months }), latest(entries.map((e) => e.updated)));
    }
    case 'story': {
      const [entry] = await entriesOf(db, config, [route.storyId]);
      if (!entry) return storyRedirect(db, config, route.storyId);
      return page(renderStoryPage({ site, story: { id: entry.storyId, entry, coverage: entry.coverage } }), entry.updated);
    }
    case 'sources': {
      const sources = await sourcesHealth(db, config, now);
      return page(renderSourcesPage({ site, sources, charts: await sourceActivity(db, config, now, sources) }));
    }
    case 'status': {
      const sources = await sourcesHealth(db, config, now);
      const [overview, activity] = await Promise.all([statusOverview(db, config, now), sourceActivity(db, config, now, sources)]);
      const withActivity = sources.flatMap((s) => {
        const a = activity.get(s.id);
        return a ? [{ ...s, activity: a }] : [];
      });
      return page(renderStatusPage({ site, overview, sources: withActivity }));
    }
    case 'search': {
      const view = await searchFor(db, query);
      const rendered = page(renderSearchPage({ site, view }));
      return view.kind === 'refused' && view.query !== '' ? { ...rendered, status: 400 } : rendered;
    }
    case 'opml':
      return { status: 200, contentType: `${OPML_MEDIA_TYPE}; charset=utf-8`, body: renderOpml(opmlInput(config)) };
  }
}
