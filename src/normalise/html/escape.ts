/**
 * Writing character data back out: escaping, character references as feedparser writes them, and the
 * input clean-up that keeps output valid in XML (feeds republish this HTML).
 */
import type { Fragment } from './tokenizer.js';

const ATTRIBUTE_SPECIALS = /[&<>"]/g;
const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escape text content. */
export function escapeText(text: string): string {
  // Two plain replacements (`&` first) rather than a callback per match.
  const amp = text.includes('&') ? text.replaceAll('&', '&amp;') : text;
  return amp.includes('<') ? amp.replaceAll('<', '&lt;') : amp;
}

/** Escape a double-quoted attribute value. */
export function escapeAttribute(value: string): string {
  return value.replace(ATTRIBUTE_SPECIALS, (c) => ESCAPES[c] ?? c);
}

/**
 * What collapsing whitespace to single spaces changes: runs of two or more, and single whitespace other than a
 * space. Same result as replacing every `\s+`, without rewriting each single space between words.
 */
export const COLLAPSIBLE_WHITESPACE = /\s{2,}|[^\S ]/g;

/** Characters XML 1.0 cannot carry (C0 controls other than tab/LF/CR, U+FFFE, U+FFFF). */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// The look-around above is slow on long text: one scan for either kind first (most text has neither).
const MAYBE_NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;

/** True when text holds no character removeNonXmlCharacters would change (nor any surrogate). */
export function isXmlSafe(text: string): boolean {
  return !MAYBE_NOT_XML.test(text);
}

/** Remove characters XML cannot carry (for text that came out of character references). */
export function removeNonXmlCharacters(text: string): string {
  if (isXmlSafe(text)) return text;
  return text.replace(NOT_XML, '').replace(LONE_SURROGATE, '\ufffd');
}

/**
 * Normalise input before tokenizing: newlines to LF, form feeds to spaces, characters XML cannot carry
 * removed, lone surrogates replaced. Done first so that no later check sees text a browser would not.
 */
export function cleanInput(html: string): string {
  const lf = html.includes('\r') ? html.replace(/\r\n?/g, '\n') : html;
  return removeNonXmlCharacters(lf.includes('\f') ? lf.replace(/\f/g, ' ') : lf);
}

const MARKUP = /[<&]/;

/**
 * True when cleaned input holds a tag or a reference. Without either, tokenizing it gives one run of text,
 * which escapes to itself: the sanitised HTML is the text, trimmed.
 */
export function hasMarkup(cleaned: string): boolean {
  return MARKUP.test(cleaned);
}

/** True for a code point XML 1.0 can carry. */
function isXmlChar(codePoint: number): boolean {
  if (codePoint === 0x9 || codePoint === 0xa || codePoint === 0xd) return true;
  if (codePoint < 0x20) return false;
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return false;
  return codePoint !== 0xfffe && codePoint !== 0xffff && codePoint <= 0x10ffff;
}

/**
 * A character reference as feedparser writes it: `&name;` and well-formed numeric references kept as
 * written (hex lower-cased), numeric references to windows-1252 code points rewritten to the real
 * character (`&#150;` → `&#x2013;`), references without `;` replaced by their (escaped) text,
 * references to characters XML cannot carry dropped.
 */
function renderReference(reference: string, text: string, escape: (text: string) => string): string {
  const codePoint = text.codePointAt(0) ?? 0xfffd;
  if (text.length === 1 && !isXmlChar(codePoint)) return '';
  if (!reference.endsWith(';')) return escape(text);
  if (reference[1] !== '#') return reference;
  const hex = reference[2] === 'x' || reference[2] === 'X';
  const digits = reference.slice(hex ? 3 : 2, -1);
  const written = digits.length > 8 ? Number.NaN : Number.parseInt(digits, hex ? 16 : 10);
  if (written === codePoint) return reference.toLowerCase();
  return codePoint === 0xfffd ? escape(text) : `&#x${codePoint.toString(16)};`;
}

/** Write fragments of text content. */
export function renderTextFragment(fragment: Fragment): string {
  return fragment.reference === undefined
    ? escapeText(fragment.text)
    : renderReference(fragment.reference, fragment.text, escapeText);
}

/** Write the fragments of an attribute value (to go between double quotes). */
export function renderAttributeFragments(fragments: readonly Fragment[]): string {
  let out = '';
  for (const fragment of fragments) {
    out +=
      fragment.reference === undefined
        ? escapeAttribute(fragment.text)
        : renderReference(fragment.reference, fragment.text, escapeAttribute);
  }
  return out;
}
