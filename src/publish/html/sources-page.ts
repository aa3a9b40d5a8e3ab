import type { SiteInfo } from '../site-info.js';
import { sitePaths } from '../../routes/index.js';
import { timeTag } from './components.js';
import { renderPage } from './layout.js';
import { externalLink, siteLink } from './link.js';
import { activityFigure } from './source-activity.js';
import type { SourceActivity } from './source-activity.js';
import { html, type SafeHtml } from './template.js';

/** One source's health, as the sources page shows it. */
export interface SourceHealth {
  id: string;
  title: string;
  /** The feed URL. */
  url: string;
  siteUrl: string | null;
  /** ISO 8601 UTC of the last successful fetch, or null if never. */
  lastSuccessAt: string | null;
  /** The last failure's message (with its code), or null. */
  lastError: string | null;
  /** Consecutive failures (0 = healthy). */
  errorCount: number;
  /** Items first seen in the last 7 days. */
  items7d: number;
}

/** What the sources page needs. */
export interface SourcesPageInput {
  site: SiteInfo;
  sources: SourceHealth[];
  /** Each source's recent activity, by id (charted in the table). */
  charts?: ReadonlyMap<string, SourceActivity>;
}

/** `/sources`: every source with its last success, last error, error streak and activity charts; failures said plainly. */
export function renderSourcesPage({ site, sources, charts }: SourcesPageInput): string {
  const paths = sitePaths(site.baseUrl);
  const rows = sources.map(
    (s) => html`<tr>
<td>${externalLink(s.siteUrl, s.title || s.id)}<br><span class="muted">${externalLink(s.url, 'feed')} · ${s.id}</span></td>
<td>${status(s)}</td>
<td>${timeTag(s.lastSuccessAt, 'never')}</td>
<td>${s.lastError ?? '—'}</td>
<td>${s.items7d}</td>
<td class="activity-cell">${activityOrDash(charts?.get(s.id))}</td>
</tr>\n`,
  );
  const main = html`<h1>Sources</h1>
${summary(sources)}
${
  sources.length > 0
    ? html`<div class="table"><table>
<thead><tr><th>Source</th><th>Status</th><th>Last success</th><th>Last error</th><th>Items (7 days)</th><th>Activity</th></tr></thead>
<tbody>
${rows}</tbody>
</table></div>`
    : null
}
<p>The list as OPML: ${siteLink(paths.opml, 'sources.opml')}</p>`;
  return renderPage({ site, title: 'Sources', current: 'sources', main });
}

function activityOrDash(activity: SourceActivity | undefined): SafeHtml | string {
  return activity ? activityFigure(activity) : '—';
}

/** A source's state in a few words: failing (and for how long), not fetched yet, or OK. */
export function status(source: SourceHealth): SafeHtml {
  if (source.errorCount > 0) {
    const times = source.errorCount === 1 ? 'last fetch' : `last ${source.errorCount} fetches`;
    return html`<span class="bad">Failing (${times})</span>`;
  }
  if (source.lastSuccessAt === null) return html`<span class="muted">Not fetched yet</span>`;
  return html`OK`;
}

function summary(sources: readonly SourceHealth[]): SafeHtml {
  const failing = sources.filter((s) => s.errorCount > 0).length;
  const total = sources.length;
  if (total === 0) return html`<p class="notice">No sources are configured. Add some to feeds.config.json.</p>`;
  if (failing === total) {
    return html`<p class="notice bad">Every source is failing: feedloom could not fetch any of the ${total} feeds on its last attempt. If none has ever succeeded, this machine probably cannot reach them (no internet access, a proxy or a firewall); the errors below say why.</p>`;
  }
  if (failing > 0) return html`<p class="notice bad">${failing} of ${total} sources are failing; the errors below say why.</p>`;
  return html`<p class="notice">${total === 1 ? 'The one source is' : `All ${total} sources are`} fetching normally.</p>`;
}
