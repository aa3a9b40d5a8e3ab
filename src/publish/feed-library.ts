// The only file that imports the `feed` package. RSS and Atom renderers build its options and
// items (types re-exported below) and call `renderWithFeedLibrary`.
import { Feed, type Extension, type FeedOptions, type Item } from 'feed';
import { FeedloomError } from '../model/index.js';

export type { Extension as LibraryExtension, FeedOptions as LibraryFeedOptions, Item as LibraryItem };

/** The generator named in every feed. */
export const GENERATOR = 'feedloom';

/** Render RSS 2.0 or Atom 1.0 with the `feed` package; `extensions` are channel-level (RSS only). */
export function renderWithFeedLibrary(
  format: 'rss' | 'atom',
  options: FeedOptions,
  items: readonly Item[],
  extensions: readonly Extension[] = [],
): string {
  const feed = new Feed(options);
  for (const item of items) feed.addItem(item);
  for (const extension of extensions) feed.addExtension(extension);
  return format === 'rss' ? feed.rss2() : feed.atom1();
}

// `feed` cannot express some Atom elements (several hubs, typed enclosures, <source>). We ask it for
// an element it can write (`<rights>`) holding a marker, then swap the marker for our own markup.
// The marker uses U+0001, which every input string has been stripped of, so it cannot collide.
const SLOT_ELEMENT = 'rights';

/** A marker for `fillSlots`: put it in a field `feed` writes as `<rights>` (the `copyright` option). */
export function slotMarker(index: number): string {
  return `\u0001slot-${index}\u0001`;
}

/**
 * Replace each `<rights>` marker element (with its line) by `fragments[index]`, indented like it;
 * an empty fragment removes the line. Throws if a marker is missing: a `feed` upgrade changed its output.
 */
export function fillSlots(xml: string, fragments: readonly string[]): string {
  let out = xml;
  fragments.forEach((fragment, index) => {
    const marker = `<${SLOT_ELEMENT}>${slotMarker(index)}</${SLOT_ELEMENT}>`;
    const at = out.indexOf(marker);
    if (at < 0) throw new FeedloomError('INTERNAL', `feed output lost slot ${index}`);
    const lineStart = out.lastIndexOf('\n', at);
    const indent = out.slice(lineStart + 1, at);
    if (lineStart < 0 || !/^[ \t]*$/.test(indent)) throw new FeedloomError('INTERNAL', `feed output moved slot ${index}`);
    const replacement = fragment === '' ? '' : `\n${indent}${fragment.split('\n').join(`\n${indent}`)}`;
    out = out.slice(0, lineStart) + replacement + out.slice(at + marker.length);
  });
  return out;
}

/** A marker for `textTitles`: give it to `feed` as the title of entry `index`. */
export function titleMarker(index: number): string {
  return `\u0001title-${index}\u0001`;
}

/**
 * `feed` writes every Atom entry title as `type="html"` in CDATA. Swap each marked title for a `type="text"`
 * title holding `titles[index]` escaped: a plain-text title is text, and no reader is asked to render it as HTML.
 * Throws if a marker is missing: a `feed` upgrade changed its output.
 */
export function textTitles(xml: string, titles: readonly string[], escape: (text: string) => string): string {
  let out = xml;
  titles.forEach((title, index) => {
    const marker = `<title type="html"><![CDATA[${titleMarker(index)}]]></title>`;
    const at = out.indexOf(marker);
    if (at < 0) throw new FeedloomError('INTERNAL', `feed output lost entry title ${index}`);
    out = out.slice(0, at) + `<title type="text">${escape(title)}</title>` + out.slice(at + marker.length);
  });
  return out;
}
