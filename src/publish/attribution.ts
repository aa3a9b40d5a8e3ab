import type { CuratedEntry } from '../model/index.js';
import { externalLink } from './html/link.js';
import { html, joinHtml, type SafeHtml } from './html/template.js';

/** One outlet that carried a story, linked to its telling of it. */
export interface OutletLink {
  source: string;
  title: string;
  url: string | null;
}

/** The outlets other than the entry's own that carried its story: one per source, in coverage order. */
export function otherOutlets(entry: CuratedEntry): OutletLink[] {
  const seen = new Set<string>([entry.source.id]);
  const out: OutletLink[] = [];
  for (const item of entry.coverage) {
    if (seen.has(item.source)) continue;
    seen.add(item.source);
    out.push({ source: item.source, title: item.sourceTitle || item.source, url: item.url });
  }
  return out;
}

/** "Also covered by: A, B" with each outlet linked to its article; nothing when only one outlet carried it. */
export function alsoCoveredBy(entry: CuratedEntry): SafeHtml | null {
  const others = otherOutlets(entry);
  if (others.length === 0) return null;
  return html`Also covered by: ${joinHtml(others.map((o) => externalLink(o.url, o.title)), ', ')}`;
}

/**
 * What feed entries end with, since most readers never show RSS/Atom `<source>`: the outlet
 * ("via Outlet") and, for a story several outlets carried, "Also covered by: ..." with links.
 */
export function attributionHtml(entry: CuratedEntry): SafeHtml {
  const also = alsoCoveredBy(entry);
  const via = html`<p>via ${externalLink(entry.source.siteUrl, entry.source.title || entry.source.id)}</p>`;
  return also ? html`${via}<p>${also}</p>` : via;
}
