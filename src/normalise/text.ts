import type { ParsedText } from '../model/index.js';
import { COLLAPSIBLE_WHITESPACE, removeNonXmlCharacters, sanitizeHtml, sanitizeHtmlWithText } from './html/index.js';

/**
 * Collapse runs of whitespace (including NBSP) to one space and trim; characters XML cannot carry (C0
 * controls such as NUL, U+FFFE) are removed, since no output format (nor PostgreSQL text) can hold them.
 */
export function collapseWhitespace(text: string): string {
  return removeNonXmlCharacters(text).replace(COLLAPSIBLE_WHITESPACE, ' ').trim();
}

/** Escape plain text for inclusion in HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Sanitised HTML of a text construct; plain text is escaped, with line breaks kept as <br />. */
export function safeHtml(text: ParsedText | undefined): string {
  if (!text) return '';
  if (text.type === 'text') return escapedText(text.value);
  return sanitizeHtml(text.value, text.base ? { base: text.base } : {}).trim();
}

function escapedText(value: string): string {
  const trimmed = removeNonXmlCharacters(value).trim();
  return trimmed === '' ? '' : escapeHtml(trimmed).replace(/\r?\n/g, '<br />');
}

/** safeHtml and the plain text of one text construct, its HTML read once. */
export function safeHtmlAndText(text: ParsedText | undefined): { html: string; text: string } {
  if (!text) return { html: '', text: '' };
  if (text.type === 'text') return { html: escapedText(text.value), text: collapseWhitespace(text.value) };
  const both = sanitizeHtmlWithText(text.value, text.base ? { base: text.base } : {});
  return { html: both.html.trim(), text: both.text };
}
