import { FEED_MEDIA_TYPES, type FeedFormatName, type SiteInfo } from '../site-info.js';
import { sitePaths } from '../../routes/index.js';
import { siteLink } from './link.js';
import { PAGE_CSS } from './style.js';
import { html, raw, type SafeHtml } from './template.js';

const FORMAT_LABELS: Readonly<Record<FeedFormatName, string>> = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' };
const FORMATS: readonly FeedFormatName[] = ['rss', 'atom', 'json'];

/** Which navigation item a page is: `home`, `feed:{id}`, `archive`, `sources`, `status`, `search`, or none. */
export type NavKey = 'home' | 'archive' | 'sources' | 'status' | 'search' | `feed:${string}` | null;

/** Everything the page shell needs besides the main content. */
export interface PageShell {
  site: SiteInfo;
  /** The page's own title (the site title is appended); null on the home page. */
  title: string | null;
  /** Meta description; the site's by default. */
  description?: string;
  current: NavKey;
  /** Curated feed ids to advertise for autodiscovery (and in the footer); every feed by default. */
  feeds?: string[];
  main: SafeHtml;
  /** The search box's text (on the search page: the query searched). */
  query?: string;
}

/** A whole HTML page: doctype, lang, charset, viewport, inline style, feed autodiscovery, navigation. */
export function renderPage(shell: PageShell): string {
  const { site } = shell;
  const paths = sitePaths(site.baseUrl);
  const advertised = site.feeds.filter((f) => (shell.feeds ?? site.feeds.map((x) => x.id)).includes(f.id));
  const alternates = advertised.flatMap((feed) =>
    FORMATS.map(
      (format) =>
        html`<link rel="alternate" type="${FEED_MEDIA_TYPES[format]}" title="${feed.title} (${FORMAT_LABELS[format]})" href="${paths.absolute(paths.feedFile(feed.id, format))}">\n`,
    ),
  );
  const title = shell.title ? `${shell.title} · ${site.title}` : site.title;
  const page = html`<!doctype html>
<html lang="${site.language || 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<meta name="description" content="${shell.description ?? site.description}">
${alternates}<style>${raw(PAGE_CSS)}</style>
</head>
<body>
<header>
${siteLink(paths.home, site.title, { className: 'site' })}
${navigation(site, shell.current)}
${searchBox(paths.search(), shell.query)}
</header>
<main>
${shell.main}
</main>
${footer(site, advertised[0])}
</body>
</html>
`;
  return page.toString();
}

function navigation(site: SiteInfo, current: NavKey): SafeHtml {
  const paths = sitePaths(site.baseUrl);
  const [first, ...others] = site.feeds;
  const items = [
    first ? siteLink(paths.home, 'Headlines', { current: current === 'home' || current === `feed:${first.id}` }) : null,
    ...others.map((feed) => siteLink(paths.feedPage(feed.id), feed.title, { current: current === `feed:${feed.id}` })),
    siteLink(paths.archive, 'Archive', { current: current === 'archive' }),
    siteLink(paths.sources, 'Sources', { current: current === 'sources' }),
    siteLink(paths.status, 'Status', { current: current === 'status' }),
  ];
  return html`<nav aria-label="Site"><ul>${items.map((item) => (item ? html`<li>${item}</li>` : null))}</ul></nav>`;
}

/** A plain GET form: works without JavaScript, and on a static build wherever /search is routed to a server. */
function searchBox(action: string, query = ''): SafeHtml {
  return html`<form class="search" role="search" method="get" action="${action}"><input type="search" name="q" value="${query}" aria-label="Search stories" placeholder="Search stories" maxlength="200"><button type="submit">Search</button></form>`;
}

function footer(site: SiteInfo, feed: { id: string; title: string } | undefined): SafeHtml {
  const paths = sitePaths(site.baseUrl);
  const subscribe = feed
    ? html`Subscribe to ${feed.title}: ${FORMATS.map((format, i) => html`${i > 0 ? ' · ' : ''}${siteLink(paths.feedFile(feed.id, format), FORMAT_LABELS[format])}`)} · `
    : null;
  return html`<footer>
<p>${subscribe}${siteLink(paths.opml, 'Sources as OPML')}</p>
<p>${site.description}</p>
</footer>`;
}
