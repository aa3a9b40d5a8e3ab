import type { CoverageEntry, CuratedEntry } from '../../model/index.js';
import { httpUrl } from '../safe-url.js';
import type { SiteInfo } from '../site-info.js';
import { sitePaths } from '../../routes/index.js';
import { timeTag, vendorBadges } from './components.js';
import { renderPage } from './layout.js';
import { externalLink, siteLink } from './link.js';
import { html, raw } from './template.js';

/** What a story page needs: the story id, its representative entry, and every item of the story. */
export interface StoryPageInput {
  site: SiteInfo;
  story: { id: string; entry: CuratedEntry; coverage: CoverageEntry[] };
}

/** `/stories/{id}`: the headline, its summary, a link to the original, and every outlet that carried it. */
export function renderStoryPage({ site, story }: StoryPageInput): string {
  const { entry, coverage } = story;
  const title = entry.title.trim() || '(untitled)';
  const outlet = entry.source.title || entry.source.id;
  const body = entry.summaryHtml.trim() || entry.contentHtml.trim();
  const original = httpUrl(entry.url);
  const vendorNames = new Map(entry.vendors.map((v) => [v.id, v.name || v.id]));
  const rows = coverage.map(
    (item) => html`<tr><td>${externalLink(item.url, item.sourceTitle || item.source)}</td><td>${timeTag(item.published)}</td><td>${item.vendors.map((id) => vendorNames.get(id) ?? id).join(', ')}</td></tr>\n`,
  );
  const outlets = new Set(coverage.map((item) => item.source)).size;
  const main = html`<article>
<h1>${title}</h1>
<p class="meta">${externalLink(entry.source.siteUrl, outlet)} · ${timeTag(entry.published)}</p>
${vendorBadges(entry.vendors)}
${body ? html`<div class="summary">${raw(body)}</div>` : null}
${original ? html`<p><a href="${original}">Read the original at ${outlet} →</a></p>` : html`<p class="muted">The original article has no link.</p>`}
</article>
<h2>Carried by ${outlets} ${outlets === 1 ? 'outlet' : 'outlets'}</h2>
<div class="table"><table>
<thead><tr><th>Outlet</th><th>Published</th><th>Vendors</th></tr></thead>
<tbody>
${rows}</tbody>
</table></div>
<p>${siteLink(sitePaths(site.baseUrl).home, '← All headlines')}</p>`;
  return renderPage({ site, title, current: null, main });
}
