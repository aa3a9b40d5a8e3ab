import { cleanModel } from './clean-model.js';
import { httpUrl } from './safe-url.js';
import { escapeXml } from './xml-text.js';

/** One source as OPML lists it. */
export interface OpmlSource {
  id: string;
  title: string;
  /** The feed URL. */
  url: string;
  /** The outlet's home page, if known. */
  siteUrl?: string | null;
  tags: string[];
}

/** What `renderOpml` needs: the list's title and its sources, in order. */
export interface OpmlInput {
  title: string;
  sources: OpmlSource[];
}

/**
 * OPML 2.0 subscription list: one `<outline type="rss">` per source with `xmlUrl`, `htmlUrl` and
 * its tags as `category` (comma-separated, no slashes: OPML 2.0's form for tags). Sources whose
 * feed URL is not http(s) are left out. No dates inside, so the same list gives the same bytes.
 */
export function renderOpml(input: OpmlInput): string {
  const { title, sources } = cleanModel(input);
  const outlines: string[] = [];
  for (const source of sources) {
    const xmlUrl = httpUrl(source.url);
    if (!xmlUrl) continue;
    const htmlUrl = httpUrl(source.siteUrl);
    const name = source.title.trim() || source.id;
    const tags = source.tags.map((t) => t.replace(/[,/]/g, ' ').trim()).filter((t) => t !== '');
    const attributes = [
      `type="rss"`,
      `text="${escapeXml(name)}"`,
      `title="${escapeXml(name)}"`,
      `xmlUrl="${escapeXml(xmlUrl)}"`,
      ...(htmlUrl ? [`htmlUrl="${escapeXml(htmlUrl)}"`] : []),
      ...(tags.length > 0 ? [`category="${escapeXml(tags.join(','))}"`] : []),
      // Not in OPML 2.0, which lets outlines carry extra attributes: keeps source ids across export → import.
      `id="${escapeXml(source.id)}"`,
    ];
    outlines.push(`    <outline ${attributes.join(' ')}/>`);
  }
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeXml(title)}</title>`,
    '    <docs>http://opml.org/spec2.opml</docs>',
    '  </head>',
    '  <body>',
    ...outlines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}
