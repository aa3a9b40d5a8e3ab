/**
 * Plain-text fields (titles, author names, category terms, source titles): text that every output can carry
 * as it is. Decided once, here, so the store, RSS, Atom, JSON Feed and the HTML pages all hold the same text.
 *
 * - A value that looks like HTML (feedparser's heuristic for RSS titles: a closing tag or a character reference,
 *   and only tags and entities HTML knows) is read as HTML and reduced to its text.
 * - Markup still left in the text (`<script>`, `</title>`, `<img onerror>`, `<!--`, `<![CDATA[` ...) is stripped,
 *   not escaped: many feed readers render an RSS or JSON title as HTML, so tag-shaped text is never passed on.
 *   What is tag-shaped is what an HTML reader would take for a tag: `<` followed by a letter, `/`, `!` or `?`.
 *   `a < b` and `x -> y` are left alone; `vector<int>` loses `<int>`, the price of never passing a tag on.
 */
import type { ParsedText } from '../model/index.js';
import { looksLikeHtml } from '../parse/formats/text.js';
import { htmlToText } from './html/index.js';
import { collapseWhitespace } from './text.js';

/** Text an HTML reader would read as the start of a tag, an end tag, a comment, a doctype or a processing instruction. */
export const TAG_SHAPED = /<[A-Za-z!?/]/;
const TAG_SHAPED_ALL = /<(?=[A-Za-z!?/])/g;

/** Rounds of stripping before the last resort (each round removes at least one tag; nested tricks need a few). */
const MAX_ROUNDS = 4;

/**
 * The plain text of a plain-text field: a ParsedText construct (HTML and XHTML read as HTML) or a string (read as
 * text). Entities are decoded only where the value is HTML; whitespace is collapsed; no tag-shaped text remains.
 */
export function plainField(value: ParsedText | string | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string' && value.type !== 'text') return withoutMarkup(htmlToText(value.value));
  const text = typeof value === 'string' ? value : value.value;
  return withoutMarkup(looksLikeHtml(text) ? htmlToText(text) : collapseWhitespace(text));
}

/** Plain text with every tag-shaped run removed (as HTML would drop it), whitespace collapsed. */
export function withoutMarkup(text: string): string {
  let out = text;
  for (let round = 0; round < MAX_ROUNDS && TAG_SHAPED.test(out); round++) {
    // Read as HTML with `&` escaped, so the text's own `&lt;` stays text: only the tags go.
    out = htmlToText(out.replaceAll('&', '&amp;'));
  }
  // Only reachable with text built to survive the rounds (each round can unmask one tag): drop the `<` of what is left.
  return TAG_SHAPED.test(out) ? collapseWhitespace(out.replace(TAG_SHAPED_ALL, '')) : out;
}

/** An operator's display name (a configured source title) as a plain field; undefined when absent or nothing is left. */
export function plainName(value: string | undefined): string | undefined {
  return value === undefined ? undefined : plainField(value) || undefined;
}
