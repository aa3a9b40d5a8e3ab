import type { CuratedEntry } from '../../model/index.js';
import { otherOutlets } from '../attribution.js';
import { parseInstant, readableUtc, rfc3339 } from '../dates.js';
import { republishedHtml } from '../republished-html.js';
import { httpUrl } from '../safe-url.js';
import type { IngestStatus } from '../site-info.js';
import type { SitePaths } from '../../routes/index.js';
import { externalLink, siteLink } from './link.js';
import { html, joinHtml, raw, type SafeHtml } from './template.js';

/** `<time datetime>` with readable UTC text; `fallback` text when the date is missing or invalid. */
export function timeTag(iso: string | null | undefined, fallback = 'unknown'): SafeHtml {
  const date = parseInstant(iso);
  return date ? html`<time datetime="${rfc3339(date)}">${readableUtc(date)}</time>` : html`${fallback}`;
}

/** Vendor names as badges; nothing when there are none. */
export function vendorBadges(vendors: readonly { id: string; name: string }[]): SafeHtml | null {
  if (vendors.length === 0) return null;
  return html`<ul class="badges" aria-label="Vendors">${vendors.map((v) => html`<li class="badge">${v.name || v.id}</li>`)}</ul>`;
}

/** One headline: title to the original, outlet, time, vendors, summary, other outlets, story link. */
export function entryItem(entry: CuratedEntry, paths: SitePaths): SafeHtml {
  const storyPath = paths.story(entry.storyId);
  const title = entry.title.trim() || '(untitled)';
  const original = httpUrl(entry.url);
  const others = otherOutlets(entry);
  const headline = original ? externalLink(original, title) : siteLink(storyPath, title);
  const summary = republishedHtml(entry.summaryHtml.trim());
  const also =
    others.length > 0
      ? html`<p class="also">Also covered by: ${joinHtml(
          others.map((o) => externalLink(o.url, o.title)),
          ', ',
        )} · ${siteLink(storyPath, `all ${others.length + 1} outlets`)}</p>`
      : null;
  const parts = [
    html`<h2>${headline}</h2>`,
    html`<p class="meta">${externalLink(entry.source.siteUrl, entry.source.title || entry.source.id)} · ${timeTag(entry.published)} · ${siteLink(storyPath, 'details')}</p>`,
    vendorBadges(entry.vendors),
    summary ? html`<div class="summary">${raw(summary)}</div>` : null,
    also,
  ];
  return html`<li class="entry"><article>
${joinHtml(parts.filter((part) => part !== null), '\n')}
</article></li>`;
}

/** A list of headlines. */
export function entryList(entries: readonly CuratedEntry[], paths: SitePaths): SafeHtml {
  return html`<ol class="entries">
${entries.map((entry) => html`${entryItem(entry, paths)}\n`)}</ol>`;
}

/** "every 30 minutes", "every hour", "every 2 hours". */
export function everyText(minutes: number): string {
  if (minutes >= 60 && minutes % 60 === 0) return minutes === 60 ? 'every hour' : `every ${minutes / 60} hours`;
  return minutes === 1 ? 'every minute' : `every ${minutes} minutes`;
}

/** The empty state: what is missing, how often sources are fetched, the last attempt, failing sources. */
export function emptyState(what: string, status: IngestStatus | undefined, paths: SitePaths): SafeHtml {
  if (!status) return html`<p class="empty">${what}.</p>`;
  const when = status.lastAttemptAt ? timeTag(status.lastAttemptAt) : 'not made yet';
  const failing =
    status.sourcesFailing === 0
      ? null
      : status.sourcesFailing >= status.sourcesTotal
        ? html` <span class="bad">Every source failed its last fetch</span> — see ${siteLink(paths.sources, 'Sources')}.`
        : html` <span class="bad">${status.sourcesFailing} of ${status.sourcesTotal} sources failed their last fetch</span> — see ${siteLink(paths.sources, 'Sources')}.`;
  return html`<p class="empty">${what} — sources are fetched ${everyText(status.intervalMinutes)}; last attempt ${when}.${failing}</p>`;
}

/** Previous/next links (with rel=prev/next when `rel`, i.e. for pages of one series); nothing when neither exists. */
export function pager(
  previous: { path: string; label: string } | null,
  next: { path: string; label: string } | null,
  label: string,
  rel = true,
): SafeHtml | null {
  if (!previous && !next) return null;
  return html`<nav class="pager" aria-label="${label}">
<span>${previous ? siteLink(previous.path, `← ${previous.label}`, rel ? { rel: 'prev' } : {}) : null}</span>
<span>${next ? siteLink(next.path, `${next.label} →`, rel ? { rel: 'next' } : {}) : null}</span>
</nav>`;
}
