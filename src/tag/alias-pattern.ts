import type { VendorAlias } from '../config/index.js';

/**
 * One character that continues a word: a letter, digit, combining mark or "_" — except letters of
 * scripts written without spaces between words (Han, kana, Hangul particles, Thai ...), because there a
 * Latin name touches the text around it ("Intelは", "AWS의").
 */
export const WORD_CHAR = String.raw`(?:[^\P{L}\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]|[\p{N}\p{M}_])`;

/** What one space or hyphen inside an alias stands for: any run of whitespace (newlines, NBSP) and hyphens. */
export const SEPARATOR = String.raw`[\s\-\u2010\u2011]+`;

const APOSTROPHE = String.raw`['\u2019\u02bc]`;
const SEPARATOR_CHARS = /[\s\-\u2010\u2011]+/gu;
const APOSTROPHE_CHARS = /['\u2019\u02bc]/gu;
const SYNTAX_CHARS = /[\\^$.*+?()[\]{}|/]/g;
const IS_WORD_CHAR = new RegExp(`^${WORD_CHAR}$`, 'u');

/**
 * What may follow an alias that ends in a letter: no word character, or a glued version or model number
 * ("Graviton4", "RHEL9", "vSphere8", "Ubuntu24.04") — but not 32 or 64, the word size that makes an
 * architecture name ("AMD64", "ARM64", "Intel64" are instruction sets, not news about the vendor).
 */
const AFTER_LETTER = String.raw`(?!(?=${WORD_CHAR})\D|(?:32|64)(?!\d))`;

/** Invisible characters that may sit inside a word (soft hyphen, zero-width space, word joiner, BOM): removed before matching. */
export const INVISIBLE_CHARS = /[\u00ad\u200b\u2060\ufeff]/gu;

/**
 * The comparable form of an alias or of matched text: every separator run one space (trimmed), every
 * apostrophe "'". Lower-cased as well for case-insensitive comparison.
 */
export function aliasKey(text: string, caseSensitive: boolean): string {
  const key = text.replace(SEPARATOR_CHARS, ' ').replace(APOSTROPHE_CHARS, "'").trim();
  return caseSensitive ? key : key.toLowerCase();
}

/** Whether one character (a code point) continues a word, in the sense of WORD_CHAR. */
export function isWordChar(char: string): boolean {
  return IS_WORD_CHAR.test(char);
}

/**
 * The regex source (for the `u` flag, without `i`) matching one alias as a whole word or phrase:
 * separators flexible, apostrophes in any style, letters of a case-insensitive alias as `[Xx]` classes
 * (one regex holds aliases of both case rules), and a word boundary at each end that is a word character
 * (after a final letter, a glued version number is allowed: see AFTER_LETTER).
 * Every quantifier sits on a class disjoint from what follows it, so matching never backtracks badly.
 */
export function aliasPattern(alias: VendorAlias): string {
  const chars = [...aliasKey(alias.text, true)];
  const first = chars[0];
  const last = chars[chars.length - 1];
  if (first === undefined || last === undefined) return '';
  const body = chars.map((char) => charPattern(char, alias.caseSensitive)).join('');
  const before = isWordChar(first) ? `(?<!${WORD_CHAR})` : '';
  const after = !isWordChar(last) ? '' : /\p{L}/u.test(last) ? AFTER_LETTER : `(?!${WORD_CHAR})`;
  return `${before}${body}${after}`;
}

function charPattern(char: string, caseSensitive: boolean): string {
  if (char === ' ') return SEPARATOR;
  if (char === "'") return APOSTROPHE;
  if (!caseSensitive) {
    const variants = new Set([char, char.toLowerCase(), char.toUpperCase()].filter((variant) => [...variant].length === 1));
    if (variants.size > 1) return `[${[...variants].join('')}]`;
  }
  return char.replace(SYNTAX_CHARS, '\\$&');
}
