import type { Warnings } from '../warnings.js';
import { htmlEntity } from './html-entities.js';

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** windows-1252's characters for bytes 0x80–0x9F, which feeds often send as C1 controls or `&#146;`. */
const CP1252_C1: Record<number, string> = {
  0x80: '\u20ac', 0x82: '\u201a', 0x83: '\u0192', 0x84: '\u201e', 0x85: '\u2026', 0x86: '\u2020',
  0x87: '\u2021', 0x88: '\u02c6', 0x89: '\u2030', 0x8a: '\u0160', 0x8b: '\u2039', 0x8c: '\u0152',
  0x8e: '\u017d', 0x91: '\u2018', 0x92: '\u2019', 0x93: '\u201c', 0x94: '\u201d', 0x95: '\u2022',
  0x96: '\u2013', 0x97: '\u2014', 0x98: '\u02dc', 0x99: '\u2122', 0x9a: '\u0161', 0x9b: '\u203a',
  0x9c: '\u0153', 0x9e: '\u017e', 0x9f: '\u0178',
};
const NON_ASCII = /[^\u0000-\u007f]/;
const C1 = /[\u0080-\u009f]/g;
const C1_TEST = /[\u0080-\u009f]/;
const UTF8_AS_LATIN1 = /[\u00c2-\u00f4][\u0080-\u00bf]/;
const ABOVE_LATIN1 = /[^\u0000-\u00ff]/;
const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Limits on internal DTD entities: the expanded text one document may produce in total. */
export const MAX_ENTITY_EXPANSION_CHARS = 1_000_000;

/** Options for decoding the character data of one document. */
export interface TextDecoderOptions {
  /** Internal DTD entities (name → replacement text, not expanded further). */
  dtdEntities: ReadonlyMap<string, string>;
  /** The DTD defines HTML's entities (Netscape RSS 0.91, XHTML): decode them without a warning. */
  htmlEntitiesDeclared: boolean;
  /** The document was UTF-8: repair text that was UTF-8 misread as Latin-1 and re-encoded. */
  repairDoubleEncoding: boolean;
  warnings: Warnings;
}

/** Decodes character data: XML's five entities, numeric references, DTD and HTML named entities. */
export class CharacterDataDecoder {
  private expanded = 0;

  constructor(private readonly options: TextDecoderOptions) {}

  /** Decode the raw character data of a text node or attribute value. */
  decode(raw: string): string {
    let text = raw.indexOf('&') < 0 ? raw : this.replaceReferences(raw);
    // Both repairs below concern characters above ASCII only.
    if (!NON_ASCII.test(text)) return text;
    // Most non-ASCII text has a character above Latin-1 early on: that test ends the check soonest.
    if (this.options.repairDoubleEncoding && !ABOVE_LATIN1.test(text) && UTF8_AS_LATIN1.test(text)) {
      text = repairDoubleEncoding(text);
    }
    if (C1_TEST.test(text)) text = text.replace(C1, (c) => CP1252_C1[c.charCodeAt(0)] ?? c);
    return text;
  }

  /** Every well-formed reference (`&name;`, `&#n;`, `&#xh;`) replaced by its text; other `&`s stay. */
  private replaceReferences(raw: string): string {
    let out = '';
    let last = 0;
    for (let amp = raw.indexOf('&'); amp >= 0; amp = raw.indexOf('&', amp + 1)) {
      const end = referenceEnd(raw, amp);
      if (end < 0) continue;
      out += raw.slice(last, amp) + (predefined(raw, amp + 1, end - 1) ?? this.reference(raw.slice(amp, end), raw.slice(amp + 1, end - 1)));
      last = end;
      amp = end - 1;
    }
    return last === 0 ? raw : out + raw.slice(last);
  }

  private reference(ref: string, body: string): string {
    if (body.startsWith('#')) return numericReference(ref, body);
    const xml = XML_ENTITIES[body];
    if (xml !== undefined) return xml;
    const declared = this.options.dtdEntities.get(body);
    if (declared !== undefined) {
      this.expanded += declared.length;
      if (this.expanded <= MAX_ENTITY_EXPANSION_CHARS) return declared;
      this.options.warnings.add(`entity expansion limit reached; &${body}; kept as text`);
      return ref;
    }
    const html = htmlEntity(body);
    if (html !== undefined) {
      if (!this.options.htmlEntitiesDeclared) this.options.warnings.add(`HTML entity &${body}; in XML, decoded`);
      return html;
    }
    this.options.warnings.add(`undefined entity &${body}; kept as text`);
    return ref;
  }
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHexDigit = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const isLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
/** `[A-Za-z_:]` */
const isNameStart = (c: number): boolean => isLetter(c) || c === 0x5f || c === 0x3a;
/** `[\w.:-]` */
const isNameChar = (c: number): boolean => isNameStart(c) || isDigit(c) || c === 0x2e || c === 0x2d;

/**
 * Where the reference starting at `raw[amp]` (an `&`) ends, just after its `;`, or -1 when it is none:
 * `&#` 1–8 digits `;`, `&#x` 1–7 hex digits `;`, or `&` a name `;`.
 */
function referenceEnd(raw: string, amp: number): number {
  let i = amp + 1;
  if (raw.charCodeAt(i) === 0x23 /* # */) {
    i++;
    const hex = raw.charCodeAt(i) === 0x78 || raw.charCodeAt(i) === 0x58;
    if (hex) i++;
    const start = i;
    const accepts = hex ? isHexDigit : isDigit;
    while (i - start < (hex ? 7 : 8) && accepts(raw.charCodeAt(i))) i++;
    return i > start && raw.charCodeAt(i) === 0x3b ? i + 1 : -1;
  }
  if (!isNameStart(raw.charCodeAt(i))) return -1;
  for (i++; isNameChar(raw.charCodeAt(i)); i++);
  return raw.charCodeAt(i) === 0x3b ? i + 1 : -1;
}

/**
 * XML's five predefined entities, read in place (escaped HTML is mostly `&lt;` and `&gt;`): the text of the
 * name in raw[from, to), or undefined for any other name.
 */
function predefined(raw: string, from: number, to: number): string | undefined {
  const c = raw.charCodeAt(from);
  switch (to - from) {
    case 2:
      if (raw.charCodeAt(from + 1) !== 0x74 /* t */) return undefined;
      return c === 0x6c /* l */ ? '<' : c === 0x67 /* g */ ? '>' : undefined;
    case 3:
      return raw.startsWith('amp', from) ? '&' : undefined;
    case 4:
      return raw.startsWith('quot', from) ? '"' : raw.startsWith('apos', from) ? "'" : undefined;
    default:
      return undefined;
  }
}

function numericReference(ref: string, body: string): string {
  const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return ref;
  return String.fromCodePoint(code);
}

/** "â€¦" (UTF-8 bytes read as Latin-1) back to "…", when the whole string decodes as UTF-8. */
function repairDoubleEncoding(text: string): string {
  try {
    return fatalUtf8.decode(Buffer.from(text, 'latin1'));
  } catch {
    return text;
  }
}
