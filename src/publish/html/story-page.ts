import type { CoverageEntry, CuratedEntry } from '../../model/index.js';
import { republishedHtml } from '../republished-html.js';
import { httpUrl } from '../safe-url.js';
import type { SiteInfo } from '../site-info.js';
import { sitePaths } from '../../routes/index.js';
import { timeTag, vendorBadges } from './components.js';
import { renderPage } from './layout.js';
import { externalLink, siteLink } from './link.js';
import { html, raw, type SafeHtml } from './template.js';

/** What a story page needs: the story id, its representative entry, and every item of the story. */
export interface StoryPageInput {
  site: SiteInfo;
  story: { id: string; entry: CuratedEntry; coverage: CoverageEntry[] };
}

/** One way to share a story: a label and the URL that shares it (no JavaScript, no third-party script). */
export interface ShareLink {
  label: string;
  href: string;
}

/**
 * Where the story can be shared: e-mail (a `mailto:` link) and the common share URLs, each carrying the story's
 * own absolute URL (and its headline where the service takes one). Plain links: nothing runs on our page.
 */
export function shareLinks(storyUrl: string, title: string): ShareLink[] {
  const url = encodeURIComponent(storyUrl);
  const text = encodeURIComponent(title);
  return [
    { label: 'E-mail', href: `mailto:?subject=${text}&body=${encodeURIComponent(`${title}\n\n${storyUrl}`)}` },
    { label: 'X', href: `https://x.com/intent/tweet?url=${url}&text=${text}` },
    { label: 'LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?url=${url}` },
    { label: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${url}` },
    { label: 'Reddit', href: `https://www.reddit.com/submit?url=${url}&title=${text}` },
    { label: 'Hacker News', href: `https://news.ycombinator.com/submitlink?u=${url}&t=${text}` },
    { label: 'Bluesky', href: `https://bsky.app/intent/compose?text=${encodeURIComponent(`${title} ${storyUrl}`)}` },
  ];
}

function shareList(links: readonly ShareLink[]): SafeHtml {
  const items = links.map((link) =>
    link.href.startsWith('mailto:') ? html`<li><a href="${link.href}">${link.label}</a></li>` : html`<li>${externalLink(link.href, link.label)}</li>`,
  );
  return html`<section class="share-links" aria-labelledby="share-heading"><h2 id="share-heading">Share with:</h2>
<ul>${items}</ul></section>`;
}

/**
 * `/stories/{id}`: the headline, date, summary, a link to the original, every outlet that carried it (with its
 * link), share links, and the way back to the headlines and the archive. Printed (the page's print stylesheet),
 * it is the headline, date, summary and every outlet with its URL, without the site's navigation.
 */
export function renderStoryPage({ site, story }: StoryPageInput): string {
  const { entry, coverage } = story;
  const paths = sitePaths(site.baseUrl);
  const title = entry.title.trim() || '(untitled)';
  const outlet = entry.source.title || entry.source.id;
  const body = republishedHtml(entry.summaryHtml.trim() || entry.contentHtml.trim());
  const original = httpUrl(entry.url);
  const vendorNames = new Map(entry.vendors.map((v) => [v.id, v.name || v.id]));
  const rows = coverage.map(
    (item) => html`<tr><td>${externalLink(item.url, item.sourceTitle || item.source)}</td><td>${timeTag(item.published)}</td><td>${item.vendors.map((id) => vendorNames.get(id) ?? id).join(', ')}</td></tr>\n`,
  );
  const outlets = new Set(coverage.map((item) => item.source)).size;
  const main = html`<article class="story">
<h1>${title}</h1>
<p class="meta">${externalLink(entry.source.siteUrl, outlet)} · ${timeTag(entry.published)}</p>
${vendorBadges(entry.vendors)}
${body ? html`<div class="summary">${raw(body)}</div>` : null}
${original ? html`<p class="original">${externalLink(original, `Read the original at ${outlet} →`)}</p>` : html`<p class="muted">The original article has no link.</p>`}
</article>
<h2>Carried by ${outlets} ${outlets === 1 ? 'outlet' : 'outlets'}</h2>
<div class="table outlets"><table>
<thead><tr><th>Outlet</th><th>Published</th><th>Vendors</th></tr></thead>
<tbody>
${rows}</tbody>
</table></div>
${shareList(shareLinks(paths.absolute(paths.story(story.id)), title))}
<nav class="return-links" aria-label="Return"><ul>
<li>${siteLink(paths.home, '← Return to the headlines')}</li>
<li>${siteLink(paths.archive, 'View the news archive')}</li>
</ul></nav>`;
  return renderPage({ site, title, current: null, main });
}
