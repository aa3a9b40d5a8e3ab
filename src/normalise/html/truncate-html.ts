/**
 * Cutting sanitised HTML to a byte budget without breaking it: the cut falls between tokens (never inside a
 * tag, a character reference or a UTF-16 surrogate pair), an ellipsis marks it, and every element still open
 * there is closed. It reads the sanitiser's own output, which is balanced, escapes `<` and `>` everywhere but
 * in tags, and writes void elements as `<br />`.
 */

/** What marks the cut, inside the innermost element still open. */
const ELLIPSIS = '\u2026';
const ELLIPSIS_BYTES = 3;

/** UTF-8 length of the code point starting at `text[i]` (a surrogate pair counts 4, and is never split). */
function charBytes(code: number): number {
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code >= 0xd800 && code <= 0xdbff) return 4;
  return 3;
}

/** UTF-8 length of an ASCII-or-not string, without encoding it. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const size = charBytes(text.charCodeAt(i));
    bytes += size;
    if (size === 4) i++;
  }
  return bytes;
}

/** The end of the token starting at `i`: a tag `<…>`, a reference `&…;`, or one character (a pair for a surrogate). */
function tokenEnd(html: string, i: number): number {
  const c = html.charCodeAt(i);
  if (c === 0x3c /* < */) {
    const close = html.indexOf('>', i + 1);
    return close < 0 ? html.length : close + 1;
  }
  if (c === 0x26 /* & */) {
    const semi = html.indexOf(';', i + 1);
    // Sanitised output writes every reference with its `;`; a bare `&` (not the case) is one character.
    return semi > 0 && semi - i <= 40 && /^&#?[a-z0-9]+;$/i.test(html.slice(i, semi + 1)) ? semi + 1 : i + 1;
  }
  return c >= 0xd800 && c <= 0xdbff && i + 1 < html.length ? i + 2 : i + 1;
}

/** The element a tag opens (its name), or undefined for an end tag, a void or self-closed tag, or markup that opens nothing. */
function opened(tag: string): string | undefined {
  if (tag[1] === '/' || tag[1] === '!' || tag[1] === '?' || tag.endsWith('/>')) return undefined;
  return /^<([^\s/>]+)/.exec(tag)?.[1];
}

/**
 * Cut sanitised HTML to at most `maxBytes` UTF-8 bytes, ellipsis and closing tags included; HTML that fits is
 * returned as it is.
 */
export function truncateHtml(html: string, maxBytes: number): string {
  if (html.length * 3 <= maxBytes || utf8Length(html) <= maxBytes) return html;
  const open: string[] = [];
  // Bytes of the end tags the open elements need: kept in the budget at every step.
  let closing = 0;
  let bytes = 0;
  let cut = 0;
  while (cut < html.length) {
    const end = tokenEnd(html, cut);
    const first = html.charCodeAt(cut);
    const markup = first === 0x3c || (first === 0x26 && end - cut > 1);
    // Text goes character by character: only tags and references are sliced out.
    const token = markup ? html.slice(cut, end) : '';
    const size = markup ? utf8Length(token) : charBytes(first);
    if (token.startsWith('</')) {
      // An end tag only shrinks what is owed: the sanitiser's output closes the innermost element.
      const name = open.pop();
      if (name !== undefined) closing -= name.length + 3;
      bytes += size;
    } else {
      const name = first === 0x3c ? opened(token) : undefined;
      const owed = name === undefined ? closing : closing + name.length + 3;
      if (bytes + size + owed + ELLIPSIS_BYTES > maxBytes) break;
      bytes += size;
      if (name !== undefined) {
        open.push(name);
        closing = owed;
      }
    }
    cut = end;
  }
  return `${html.slice(0, cut).trimEnd()}${ELLIPSIS}${open.reverse().map((name) => `</${name}>`).join('')}`;
}

/** Cut plain text to at most `maxBytes` UTF-8 bytes, ellipsis included, never inside a surrogate pair. */
export function truncateText(text: string, maxBytes: number): string {
  if (text.length * 3 <= maxBytes || utf8Length(text) <= maxBytes) return text;
  let bytes = 0;
  let cut = 0;
  while (cut < text.length) {
    const size = charBytes(text.charCodeAt(cut));
    if (bytes + size + ELLIPSIS_BYTES > maxBytes) break;
    bytes += size;
    cut += size === 4 ? 2 : 1;
  }
  return `${text.slice(0, cut).trimEnd()}${ELLIPSIS}`;
}

/** The UTF-8 byte length of a string. */
export { utf8Length };
