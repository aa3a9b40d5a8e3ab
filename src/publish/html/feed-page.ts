import type { CuratedFeed } from '../../model/index.js';
import type { IngestStatus, SiteInfo } from '../site-info.js';
import { sitePaths } from '../../routes/index.js';
import { emptyState, entryList, timeTag } from './components.js';
import { renderPage } from './layout.js';
import { siteLink } from './link.js';
import { html } from './template.js';

/** What a curated feed's page needs; `status` feeds the empty state. */
export interface FeedPageInput {
  site: SiteInfo;
  feed: CuratedFeed;
  status?: IngestStatus;
}

/** The HTML headlines page of one curated feed (`/` for the first, `/feeds/{id}` for each). */
export function renderFeedPage({ site, feed, status }: FeedPageInput): string {
  const paths = sitePaths(site.baseUrl);
  const isHome = site.feeds[0]?.id === feed.id;
  const body =
    feed.entries.length > 0
      ? html`<p class="muted">Updated ${timeTag(feed.updated)} · ${feed.entries.length} headlines</p>
${entryList(feed.entries, paths)}
<p>Older headlines are in the ${siteLink(paths.archive, 'archive')}.</p>`
      : emptyState('No headlines yet', status, paths);
  const main = html`<h1>${feed.title}</h1>
${feed.description ? html`<p>${feed.description}</p>` : null}
${body}`;
  return renderPage({
    site,
    title: isHome ? null : feed.title,
    description: feed.description || site.description,
    current: `feed:${feed.id}`,
    feeds: [feed.id],
    main,
  });
}
