import type { CuratedEntry } from '../../model/index.js';
import { monthName } from '../dates.js';
import type { IngestStatus, SiteInfo } from '../site-info.js';
import { sitePaths } from '../../routes/index.js';
import { emptyState, entryList, pager } from './components.js';
import { renderPage } from './layout.js';
import { siteLink } from './link.js';
import { html } from './template.js';

/** A month that has headlines, and how many. */
export interface ArchiveMonth {
  year: number;
  month: number;
  count: number;
}

/** What the archive index needs. */
export interface ArchiveIndexInput {
  site: SiteInfo;
  months: ArchiveMonth[];
  status?: IngestStatus;
}

/** What one archive month page needs; `months` (every month with headlines) links neighbouring months. */
export interface ArchiveMonthInput {
  site: SiteInfo;
  year: number;
  month: number;
  /** 1-based page number, and how many pages the month has. */
  page: number;
  pages: number;
  entries: CuratedEntry[];
  months?: ArchiveMonth[];
}

const monthKey = (m: { year: number; month: number }): number => m.year * 12 + (m.month - 1);

/** `/archive`: every month with headlines, newest first, grouped by year. */
export function renderArchiveIndex({ site, months, status }: ArchiveIndexInput): string {
  const paths = sitePaths(site.baseUrl);
  const sorted = [...months].filter((m) => m.count > 0).sort((a, b) => monthKey(b) - monthKey(a));
  const years = [...new Set(sorted.map((m) => m.year))];
  const body =
    sorted.length === 0
      ? emptyState('The archive is empty: no headlines have been stored yet', status, paths)
      : years.map(
          (year) => html`<h2>${year}</h2>
<ul>
${sorted
  .filter((m) => m.year === year)
  .map((m) => html`<li>${siteLink(paths.archiveMonth(m.year, m.month), monthName(m.year, m.month))} <span class="muted">(${m.count})</span></li>\n`)}</ul>
`,
        );
  return renderPage({ site, title: 'Archive', current: 'archive', main: html`<h1>Archive</h1>\n${body}` });
}

/** `/archive/{yyyy}/{mm}`: one page of a month's headlines, with page and month navigation. */
export function renderArchiveMonth(input: ArchiveMonthInput): string {
  const { site, year, month, page, pages, entries } = input;
  const paths = sitePaths(site.baseUrl);
  const name = monthName(year, month);
  const pageNav = pager(
    page > 1 ? { path: paths.archiveMonth(year, month, page - 1), label: 'Newer' } : null,
    page < pages ? { path: paths.archiveMonth(year, month, page + 1), label: 'Older' } : null,
    'Pages',
  );
  const { newer, older } = neighbours(input);
  const monthNav = pager(
    newer ? { path: paths.archiveMonth(newer.year, newer.month), label: monthName(newer.year, newer.month) } : null,
    older ? { path: paths.archiveMonth(older.year, older.month), label: monthName(older.year, older.month) } : null,
    'Months',
    false,
  );
  const main = html`<h1>Headlines from ${name}</h1>
<p class="muted">${pages > 1 ? `Page ${page} of ${pages} · ` : ''}${siteLink(paths.archive, 'All months')}</p>
${entries.length > 0 ? entryList(entries, paths) : html`<p class="empty">No headlines on this page.</p>`}
${pageNav}
${monthNav}`;
  return renderPage({
    site,
    title: pages > 1 ? `${name}, page ${page}` : name,
    current: 'archive',
    main,
  });
}

type MonthRef = { year: number; month: number };

// With the month list, neighbours are the nearest months that have headlines; without it, the calendar's.
function neighbours(input: ArchiveMonthInput): { newer: MonthRef | null; older: MonthRef | null } {
  const here = monthKey(input);
  if (input.months) {
    const keys = input.months.filter((m) => m.count > 0).map(monthKey);
    const newerKey = Math.min(...keys.filter((k) => k > here));
    const olderKey = Math.max(...keys.filter((k) => k < here));
    return { newer: fromKey(newerKey), older: fromKey(olderKey) };
  }
  return { newer: fromKey(here + 1), older: fromKey(here - 1) };
}

function fromKey(key: number): MonthRef | null {
  return Number.isFinite(key) ? { year: Math.floor(key / 12), month: (key % 12) + 1 } : null;
}
