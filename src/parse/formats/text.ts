import type { ParsedText } from '../../model/index.js';
import { htmlEntity } from '../xml/html-entities.js';
import { childElements, hasChildElements, innerXml, looseAttr, textContent, type XmlElement } from '../xml/index.js';

/** HTML elements feedparser accepts when guessing that plain text is really HTML. */
const HTML_ELEMENTS = new Set(
  (
    'a abbr acronym address area article aside audio b big blockquote br button canvas caption center cite code col ' +
    'colgroup command datagrid datalist dd del details dfn dialog dir div dl dt em event-source fieldset figcaption ' +
    'figure footer font form header h1 h2 h3 h4 h5 h6 hr i img input ins keygen kbd label legend li m map menu meter ' +
    'multicol nav nextid ol output optgroup option p pre progress q s samp section select small sound source spacer ' +
    'span strike strong sub sup table tbody td textarea time tfoot th thead tr tt u ul var video noscript'
  ).split(' '),
);

// Python's `\w` is Unicode-aware; so are these.
const CLOSE_TAG = /<\/[\p{L}\p{N}_]+>/u;
const REFERENCE = /&#?[\p{L}\p{N}_]+;/u;
const TAG_NAMES = /<\/?([\p{L}\p{N}_]+)/gu;
const NAMED_REFERENCES = /&([\p{L}\p{N}_]+);/gu;

/**
 * feedparser's `looks_like_html`, for a nominally plain-text field: true when it has a closing tag or a character
 * reference, every tag is one feedparser's sanitiser knows, and every named reference is defined by HTML.
 * Errs towards false: a false positive loses text.
 */
export function looksLikeHtml(text: string): boolean {
  if (typeof text !== 'string') return false;
  if (!CLOSE_TAG.test(text) && !REFERENCE.test(text)) return false;
  for (const match of text.matchAll(TAG_NAMES)) if (!HTML_ELEMENTS.has((match[1] ?? '').toLowerCase())) return false;
  for (const match of text.matchAll(NAMED_REFERENCES)) if (htmlEntity(match[1] ?? '') === undefined) return false;
  return true;
}

/** Normalise an xml:lang value the way feedparser does (`en_US` → `en-US`). */
export function language(lang: string | undefined): string | undefined {
  return lang === undefined ? undefined : lang.replace(/_/g, '-');
}

function construct(el: XmlElement, value: string, type: ParsedText['type']): ParsedText {
  const text: ParsedText = { value: value.trim(), type };
  const lang = language(el.lang);
  if (lang !== undefined) text.language = lang;
  if (el.base !== undefined) text.base = el.base;
  return text;
}

/** The element's trimmed text. */
export function trimmedText(el: XmlElement): string {
  return textContent(el).trim();
}

/** A plain-text construct (dc:title, JSON-ish fields). */
export function plainText(el: XmlElement): ParsedText {
  return construct(el, textContent(el), 'text');
}

/** An HTML construct (RSS description, content:encoded): escaped, CDATA or raw child markup. */
export function htmlText(el: XmlElement): ParsedText {
  return declaredHtml(el);
}

/** An RSS text field (title, copyright): plain text, unless it looks like HTML (feedparser's heuristic). */
export function rssText(el: XmlElement): ParsedText {
  if (hasChildElements(el)) return declaredHtml(el);
  const value = textContent(el);
  return construct(el, value, looksLikeHtml(value) ? 'html' : 'text');
}

/** The ParsedText type for an Atom `type` attribute: text/html/xhtml or a MIME type. */
function atomTextType(type: string | undefined): ParsedText['type'] {
  const t = (type ?? 'text').trim().toLowerCase();
  if (t === 'html' || t === 'text/html') return 'html';
  if (t === 'xhtml' || t === 'application/xhtml+xml') return 'xhtml';
  return 'text';
}

/** feedparser's rule: a MIME type that is neither text nor XML means base64-encoded content. */
function isBinaryType(type: string | undefined): boolean {
  const t = (type ?? '').trim().toLowerCase();
  if (!t.includes('/') || t.startsWith('text/')) return false;
  return !t.endsWith('+xml') && !t.endsWith('/xml') && t !== 'application/xhtml+xml';
}

function decodeBase64(text: string): string {
  return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
}

/** The single `<div>` wrapping an element's content (whitespace aside), if that is what it holds. */
function wrappingDiv(el: XmlElement): XmlElement | undefined {
  const elements = childElements(el);
  const only = elements.length === 1 ? elements[0] : undefined;
  if (!only || only.local.toLowerCase() !== 'div') return undefined;
  return el.children.every((c) => c.kind === 'element' || c.value.trim() === '') ? only : undefined;
}

/**
 * Content declared as escaped HTML that holds raw elements instead (feedparser's rule): a wrapping
 * `<div>` is dropped (TypePad does this); other raw markup is serialised and typed as XHTML.
 */
function declaredHtml(el: XmlElement): ParsedText {
  if (!hasChildElements(el)) return construct(el, textContent(el), 'html');
  const div = wrappingDiv(el);
  if (div) {
    const inner = declaredHtml(div);
    return construct(el, inner.value, inner.type);
  }
  return construct(el, innerXml(el), 'xhtml');
}

/**
 * An Atom text construct (1.0 `type` text/html/xhtml; 0.3 MIME `type` and `mode` xml/escaped/base64).
 * Atom 1.0 XHTML loses its wrapping `<div>`; Atom 0.3 keeps it, as feedparser does.
 */
export function atomText(el: XmlElement, atom10: boolean): ParsedText {
  const rawType = looseAttr(el, 'type');
  const type = atomTextType(rawType);
  const mode = looseAttr(el, 'mode')?.trim().toLowerCase();
  if (mode === 'base64' || isBinaryType(rawType)) {
    const decoded = decodeBase64(textContent(el));
    // Nothing (or a binary type) says what the decoded bytes are: markup is read as HTML (then sanitised), as for RSS.
    const undeclared = rawType === undefined || isBinaryType(rawType);
    return construct(el, decoded, undeclared && looksLikeHtml(decoded) ? 'html' : type);
  }
  if (type === 'xhtml') {
    const div = atom10 ? wrappingDiv(el) : undefined;
    return construct(el, innerXml(div ?? el), 'xhtml');
  }
  if (type === 'html' || hasChildElements(el)) return declaredHtml(el);
  return construct(el, textContent(el), 'text');
}
