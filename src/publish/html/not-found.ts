import type { SiteInfo } from '../site-info.js';
import { sitePaths } from '../../routes/index.js';
import { renderPage } from './layout.js';
import { siteLink } from './link.js';
import { html } from './template.js';

/** What the 404 page needs: the site and, optionally, what was not found ("No story 42."). */
export interface NotFoundInput {
  site: SiteInfo;
  message?: string;
}

/** The 404 page: says what is missing and links back to the headlines and the archive. */
export function renderNotFound({ site, message }: NotFoundInput): string {
  const paths = sitePaths(site.baseUrl);
  const main = html`<h1>Not found</h1>
<p>${message ?? 'There is nothing at this address.'}</p>
<p>Try the ${siteLink(paths.home, 'headlines')} or the ${siteLink(paths.archive, 'archive')}.</p>`;
  return renderPage({ site, title: 'Not found', current: null, main });
}

/** What the page of a moved story needs: the site and the path of where the story is now. */
export interface MovedInput {
  site: SiteInfo;
  path: string;
}

/** The body of a 301 for a story merged into another: a link to where it lives now, for clients that do not follow. */
export function renderMoved({ site, path }: MovedInput): string {
  const main = html`<h1>This story moved</h1>
<p>It turned out to be part of another story: ${siteLink(path, 'read it here')}.</p>`;
  return renderPage({ site, title: 'Moved', current: null, main });
}
