/** feedparser's `looks_like_html`: should a nominally plain-text field be read as HTML? */
import { FEEDPARSER_ELEMENTS } from './policy.js';
import { namedReferenceText } from './tokenizer.js';

// Python's `\w` is Unicode-aware; so are these.
const CLOSE_TAG = /<\/[\p{L}\p{N}_]+>/u;
const REFERENCE = /&#?[\p{L}\p{N}_]+;/u;
const TAG_NAMES = /<\/?([\p{L}\p{N}_]+)/gu;
const NAMED_REFERENCES = /&([\p{L}\p{N}_]+);/gu;

/**
 * True when text has a closing tag or a character reference, every tag is one feedparser's sanitiser
 * knows, and every named reference is defined by HTML. Errs towards false: a false positive loses text.
 */
export function looksLikeHtml(text: string): boolean {
  if (typeof text !== 'string') return false;
  if (!CLOSE_TAG.test(text) && !REFERENCE.test(text)) return false;
  for (const match of text.matchAll(TAG_NAMES)) {
    if (!FEEDPARSER_ELEMENTS.has((match[1] ?? '').toLowerCase())) return false;
  }
  for (const match of text.matchAll(NAMED_REFERENCES)) {
    if (namedReferenceText(match[1] ?? '') === undefined) return false;
  }
  return true;
}
