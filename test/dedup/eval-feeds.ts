import type { EvalItem, EvalOutlet } from './eval-set.js';
import { guidOf, versionAt } from './eval-set.js';

/** Items a feed lists at once, newest first, as most publishers do. */
const FEED_LENGTH = 25;

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const rfc822 = (iso: string): string => new Date(iso).toUTCString().replace('GMT', '+0000');

function firstParagraph(html: string): string {
  return /<p>.*?<\/p>/s.exec(html)?.[0] ?? html;
}

function withFooter(outlet: EvalOutlet, html: string, item: { url: string; title: string }): string {
  if (outlet.footer === undefined) return html;
  return html + outlet.footer.replace('{url}', escapeXml(item.url)).replace('{title}', escapeXml(item.title));
}

interface Entry {
  guid: string;
  url: string;
  title: string;
  published: string;
  updated: string;
  summary: string;
  content: string | undefined;
}

function entriesAt(outlet: EvalOutlet, items: readonly EvalItem[], time: number, length: number): Entry[] {
  return items
    .filter((item) => item.outlet === outlet.id && Date.parse(item.published) <= time)
    .sort((a, b) => Date.parse(b.published) - Date.parse(a.published))
    .slice(0, length)
    .map((item) => {
      const version = versionAt(item, time);
      const updates = (item.updates ?? []).filter((u) => Date.parse(u.at) <= time);
      const full = withFooter(outlet, version.html, { url: item.url, title: version.title });
      return {
        guid: guidOf(item), url: item.url, title: version.title, published: item.published,
        updated: updates.at(-1)?.at ?? item.published,
        summary: outlet.fullContent ? version.summary ?? withFooter(outlet, firstParagraph(version.html), { url: item.url, title: version.title }) : full,
        content: outlet.fullContent ? full : undefined,
      };
    });
}

function rss(outlet: EvalOutlet, entries: Entry[]): string {
  const items = entries.map((e) => `<item><title>${escapeXml(e.title)}</title><link>${escapeXml(e.url)}</link>`
    + `<guid isPermaLink="${e.guid === e.url}">${escapeXml(e.guid)}</guid><pubDate>${rfc822(e.published)}</pubDate>`
    + `<description>${escapeXml(e.summary)}</description>`
    + (e.content !== undefined ? `<content:encoded><![CDATA[${e.content}]]></content:encoded>` : '')
    + '</item>').join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">`
    + `<channel><title>${escapeXml(outlet.title)}</title><link>${outlet.site}</link><description>${escapeXml(outlet.title)} news</description>\n${items}\n</channel></rss>`;
}

function atom(outlet: EvalOutlet, entries: Entry[]): string {
  const body = entries.map((e) => `<entry><id>${escapeXml(e.guid)}</id><title type="html">${escapeXml(escapeXml(e.title))}</title>`
    + `<link rel="alternate" type="text/html" href="${escapeXml(e.url)}"/><published>${e.published}</published><updated>${e.updated}</updated>`
    + `<summary type="html">${escapeXml(e.summary)}</summary>`
    + (e.content !== undefined ? `<content type="html">${escapeXml(e.content)}</content>` : '')
    + '</entry>').join('\n');
  const updated = entries[0]?.updated ?? '2024-01-01T00:00:00Z';
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>${escapeXml(outlet.title)}</title>`
    + `<id>${outlet.site}</id><link rel="alternate" href="${outlet.site}"/><updated>${updated}</updated><author><name>${escapeXml(outlet.title)}</name></author>\n${body}\n</feed>`;
}

function jsonFeed(outlet: EvalOutlet, entries: Entry[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1', title: outlet.title, home_page_url: outlet.site,
    items: entries.map((e) => ({
      id: e.guid, url: e.url, title: e.title, date_published: e.published, date_modified: e.updated,
      ...(e.content !== undefined ? { content_html: e.content, summary: e.summary.replace(/<[^>]+>/g, '') } : { content_html: e.summary }),
    })),
  });
}

/** The outlet's feed document as it reads at `time` (its newest `length` items), with its content type. */
export function renderFeed(outlet: EvalOutlet, items: readonly EvalItem[], time: number, length = FEED_LENGTH): { body: string; contentType: string } {
  const entries = entriesAt(outlet, items, time, length);
  if (outlet.format === 'rss') return { body: rss(outlet, entries), contentType: 'application/rss+xml; charset=utf-8' };
  if (outlet.format === 'atom') return { body: atom(outlet, entries), contentType: 'application/atom+xml; charset=utf-8' };
  return { body: jsonFeed(outlet, entries), contentType: 'application/feed+json; charset=utf-8' };
}
