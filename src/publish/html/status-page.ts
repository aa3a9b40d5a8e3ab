import type { CuratedEntry } from '../../model/index.js';
import type { SiteInfo } from '../site-info.js';
import { sitePaths } from '../../routes/index.js';
import { barChart, shareBar } from './charts.js';
import { timeTag } from './components.js';
import { renderPage } from './layout.js';
import { externalLink, siteLink } from './link.js';
import { activityFigure, ATTEMPT_SLOTS } from './source-activity.js';
import type { SourceActivity } from './source-activity.js';
import { status } from './sources-page.js';
import type { SourceHealth } from './sources-page.js';
import { html, type SafeHtml } from './template.js';

/** One ingestion pass, as the overview charts it. */
export interface PassPoint {
  startedAt: string;
  durationMs: number;
  sources: number;
  failed: number;
}

/** What the whole installation did lately. */
export interface StatusOverview {
  /** Items stored per UTC hour, oldest first (`hour` is `YYYY-MM-DDTHH`). */
  hours: { hour: string; count: number }[];
  /** The passes of the last day, oldest first. */
  passes: PassPoint[];
  /** This week's stories that the most outlets carried, widest first. */
  widest: { entry: CuratedEntry; sources: number }[];
}

/** What the status page needs. */
export interface StatusPageInput {
  site: SiteInfo;
  overview: StatusOverview;
  sources: (SourceHealth & { activity: SourceActivity })[];
}

function hoursChart(hours: StatusOverview['hours']): SafeHtml {
  const total = hours.reduce((n, h) => n + h.count, 0);
  return barChart(
    hours.map((h) => ({ value: h.count, label: `${h.hour.replace('T', ' ')}:00 UTC: ${h.count} item${h.count === 1 ? '' : 's'}` })),
    `${total} items stored in the last ${hours.length} hours, per hour`,
  );
}

function passesChart(passes: readonly PassPoint[]): SafeHtml {
  if (passes.length === 0) return html`<p class="muted">No pass fetched anything in the last day.</p>`;
  const bars = passes.map((p) => ({
    value: p.durationMs,
    ...(p.failed > 0 ? { tone: 'err' as const } : { tone: 'ok' as const }),
    label: `${p.startedAt.slice(0, 16).replace('T', ' ')} UTC: ${p.sources} source${p.sources === 1 ? '' : 's'}, ${p.failed} failed, ${(p.durationMs / 1000).toFixed(1)} s`,
  }));
  const slowest = Math.max(...passes.map((p) => p.durationMs));
  return barChart(bars, `${passes.length} passes in the last day by duration; the slowest took ${(slowest / 1000).toFixed(1)} s`, ATTEMPT_SLOTS);
}

function widestList(widest: StatusOverview['widest'], site: SiteInfo): SafeHtml {
  if (widest.length === 0) return html`<p class="muted">No story was carried by more than one outlet this week.</p>`;
  const paths = sitePaths(site.baseUrl);
  const most = Math.max(...widest.map((w) => w.sources));
  return html`<ol class="widest">${widest.map((w) => html`<li>${siteLink(paths.story(w.entry.storyId), w.entry.title.trim() || '(untitled)')}
<span class="muted">${w.sources} outlets · ${timeTag(w.entry.published)}</span>${shareBar(w.sources, most, `${w.sources} outlets`)}</li>`)}</ol>`;
}

/** `/status`: the operator's overview — items per hour, passes, the widest stories, and every source's activity. */
export function renderStatusPage({ site, overview, sources }: StatusPageInput): string {
  const failing = sources.filter((s) => s.errorCount > 0).length;
  const main = html`<h1>Status</h1>
<p class="notice${failing > 0 ? ' bad' : ''}">${sources.length} source${sources.length === 1 ? '' : 's'}; ${failing === 0 ? 'none failing' : `${failing} failing`}. Times are UTC; hover a bar for its figures.</p>
<section><h2>Items stored per hour</h2><figure>${hoursChart(overview.hours)}<figcaption>Last ${overview.hours.length} hours, all sources</figcaption></figure></section>
<section><h2>Ingestion passes</h2><figure>${passesChart(overview.passes)}<figcaption>Each pass of the last day by duration: <span class="key ok">all fetched</span> <span class="key err">some failed</span></figcaption></figure></section>
<section><h2>Widest coverage this week</h2>${widestList(overview.widest, site)}</section>
<section><h2>Sources</h2>
<ul class="cards">${sources.map((s) => html`<li class="card"><h3>${externalLink(s.siteUrl, s.title || s.id)}</h3>
<p class="meta">${status(s)} · last success ${timeTag(s.lastSuccessAt, 'never')}${s.lastError ? html` · ${s.lastError}` : null}</p>
${activityFigure(s.activity)}</li>`)}</ul>
</section>`;
  return renderPage({ site, title: 'Status', current: 'status', main });
}
