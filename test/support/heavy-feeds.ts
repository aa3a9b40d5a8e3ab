/**
 * Documents that cost seconds of CPU to read, for the tests of the CPU pool and its budget (sizes chosen so that
 * even a fast machine takes well over a second; a busy 2-core one takes several).
 */

/** An RSS 2.0 feed of the given items (already escaped XML). */
export function rssFeed(items: { guid: string; title: string; description: string }[]): string {
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title><link>https://example.com/</link>${items
    .map((item) => `<item><guid>${item.guid}</guid><title>${item.title}</title><link>https://example.com/${item.guid}</link><description>${item.description}</description></item>`)
    .join('')}</channel></rss>`;
}

/** One item whose description is `tags` tiny HTML elements (8 bytes each: 1.5 million make 12 MB). */
export function tinyTagsFeed(tags: number): string {
  return rssFeed([{ guid: 'heavy', title: 'Heavy', description: `<![CDATA[${'<b>x</b>'.repeat(tags)}]]>` }]);
}

/** A feed of `count` small items. */
export function manyItemsFeed(count: number): string {
  return rssFeed(Array.from({ length: count }, (_, i) => ({
    guid: `g${i}`, title: `Item ${i} about cloud hosting`, description: `Body of item ${i}: a sentence or two of plain text.`,
  })));
}
