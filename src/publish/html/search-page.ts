import type { MarkedText, SearchHit } from '../../model/index.js';
import type { SiteInfo } from '../site-info.js';
import { sitePaths } from '../../routes/index.js';
import { httpUrl } from '../safe-url.js';
import { pager, timeTag } from './components.js';
import { renderPage } from './layout.js';
import { externalLink, siteLink } from './link.js';
import { html, type SafeHtml } from './template.js';


/** What the search page shows: nothing asked yet, a refusal with its reason, or a page of results. */
export type SearchView =
  | { kind: 'empty' }
  | { kind: 'refused'; query: string; message: string }
  | { kind: 'results'; query: string; order: 'newest' | 'relevance'; page: number; pages: number; total: number; hits: SearchHit[] };

/** What the search page needs. */
export interface SearchPageInput {
  site: SiteInfo;
  view: SearchView;
}

/** The text escaped, each marked stretch in `<mark>`: the text is never trusted as HTML. */
export function markedHtml(marked: MarkedText): SafeHtml {
  const parts: SafeHtml[] = [];
  let at = 0;
  for (const [start, end] of marked.marks) {
    if (start < at || end <= start) continue;
    parts.push(html`${marked.text.slice(at, start)}<mark>${marked.text.slice(start, end)}</mark>`);
    at = end;
  }
  parts.push(html`${marked.text.slice(at)}`);
  return html`${parts}`;
}

function hitItem(hit: SearchHit, site: SiteInfo): SafeHtml {
  const paths = sitePaths(site.baseUrl);
  const storyPath = paths.story(String(hit.storyId));
  const original = httpUrl(hit.url);
  const title = original ? externalLink(original, markedHtml(hit.title)) : html`<a href="${storyPath}">${markedHtml(hit.title)}</a>`;
  const outlets = hit.storySources > 1 ? html` · ${siteLink(storyPath, `${hit.storySources} outlets`)}` : html` · ${siteLink(storyPath, 'details')}`;
  return html`<li class="entry"><article>
<h2>${title}</h2>
<p class="meta">${externalLink(hit.source.siteUrl, hit.source.title)} · ${timeTag(hit.published)}${outlets}</p>
${hit.snippet.text ? html`<p class="snippet">${markedHtml(hit.snippet)}</p>` : null}
</article></li>`;
}

function results(view: Extract<SearchView, { kind: 'results' }>, site: SiteInfo): SafeHtml {
  const paths = sitePaths(site.baseUrl);
  if (view.total === 0) return html`<p class="empty">No story matches “${view.query}”. Fewer or other words may find more: every word must occur.</p>`;
  const withOrder = (page: number) => `${paths.search(view.query, page)}${view.order === 'relevance' ? '&sort=relevance' : ''}`;
  const other = view.order === 'relevance'
    ? html`best match first · ${siteLink(paths.search(view.query), 'newest first')}`
    : html`newest first · ${siteLink(`${paths.search(view.query)}&sort=relevance`, 'best match first')}`;
  const previous = view.page > 1 ? { path: withOrder(view.page - 1), label: 'Previous' } : null;
  const next = view.page < view.pages ? { path: withOrder(view.page + 1), label: 'Next' } : null;
  return html`<p class="muted">${view.total} ${view.total === 1 ? 'story matches' : 'stories match'} “${view.query}”${view.pages > 1 ? ` · page ${view.page} of ${view.pages}` : ''} · ${other}</p>
${view.hits.length === 0 ? html`<p class="empty">There are no more results: this page is past the last.</p>` : html`<ol class="entries">${view.hits.map((hit) => hitItem(hit, site))}</ol>`}
${pager(previous, next, 'Search results')}`;
}

/** `/search?q=…`: one result per story with the words found marked, or why the query could not run. */
export function renderSearchPage({ site, view }: SearchPageInput): string {
  const query = view.kind === 'empty' ? '' : view.query;
  const body = view.kind === 'empty'
    ? html`<p class="notice">Type words to find stories by their headline, text, outlet or vendor. Every word must occur; "quote a phrase" to find it as written.</p>`
    : view.kind === 'refused'
      ? html`<p class="notice bad" role="alert">${view.message}</p>`
      : results(view, site);
  const main = html`<h1>${query ? `Search: ${query}` : 'Search'}</h1>\n${body}`;
  return renderPage({ site, title: query ? `Search: ${query}` : 'Search', current: 'search', main, query });
}
