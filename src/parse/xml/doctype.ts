import type { Warnings } from '../warnings.js';

/** At most this many internal entities are honoured per document. */
export const MAX_DTD_ENTITIES = 100;
/** An internal entity's replacement text may be at most this long. */
export const MAX_DTD_ENTITY_LENGTH = 10_000;

/** What the DOCTYPE declaration of a document said, and the document with that declaration blanked out. */
export interface DoctypeInfo {
  /** The document text with the DOCTYPE replaced by spaces (newlines kept, so line numbers stay true). */
  text: string;
  /** The root element name the DOCTYPE names (e.g. `html`, `rss`), when there was one. */
  rootName?: string;
  /** Simple internal general entities: name → replacement text. */
  entities: Map<string, string>;
  /** The DOCTYPE names a DTD that defines HTML's entities (Netscape RSS 0.91, XHTML), so `&eacute;` is legal. */
  declaresHtmlEntities: boolean;
}

const HTML_ENTITY_DTD = /Netscape[^"']*RSS 0\.9|XHTML|HTML 4/i;

const ENTITY_DECL = /<!ENTITY\s+(%\s+)?([^\s"'>%]+)\s+(?:"([^"]*)"|'([^']*)'|((?:SYSTEM|PUBLIC)\b[^>]*))\s*>/y;
const SIMPLE_REFERENCE = /&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,7}|amp|lt|gt|quot|apos);/g;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Index just after the `>` that closes a declaration starting at `i`, skipping quoted literals. */
function declarationEnd(text: string, i: number): number {
  let quote = '';
  for (let j = i; j < text.length; j++) {
    const c = text[j];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return j + 1;
  }
  return text.length;
}

/** Character references in an entity value are expanded when declared; other references stay literal. */
function literalValue(value: string): string {
  return value.replace(SIMPLE_REFERENCE, (ref, body: string) => {
    if (!body.startsWith('#')) return PREDEFINED[body] ?? ref;
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : ref;
  });
}

/** A parameter entity naming one of W3C's published character entity sets (XHTML's Latin-1, symbols ...): benign. */
const W3C_ENTITY_SET = /^PUBLIC\s+["']-\/\/W3C\/\/ENTITIES /i;

/** What an internal subset declared beyond simple entities. */
interface SubsetState {
  /** Parameter entities that name a W3C entity set: they declare HTML's entities. */
  entitySets: Set<string>;
}

/** Read `<!ENTITY>` declarations of an internal subset starting at `i`; returns the index after `]`. */
function readInternalSubset(text: string, i: number, entities: Map<string, string>, warnings: Warnings, state: SubsetState): number {
  while (i < text.length) {
    const c = text[i];
    if (c === ']') return i + 1;
    if (c !== '<') {
      const reference = c === '%' ? /^%([^\s;%]+);/.exec(text.slice(i, i + 200)) : null;
      if (reference && !state.entitySets.has(reference[1] ?? '')) warnings.add(`DTD references parameter entity %${reference[1] ?? ''};: ignored`);
      i++;
      continue;
    }
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      i = end < 0 ? text.length : end + 3;
      continue;
    }
    ENTITY_DECL.lastIndex = i;
    const m = ENTITY_DECL.exec(text);
    if (m) {
      const [, parameter, name = '', dq, sq, external] = m;
      const value = dq ?? sq;
      // Kept, not refused: nothing in a DTD is fetched or expanded beyond the limits, but the document says so.
      if (parameter && external && W3C_ENTITY_SET.test(external.trim())) state.entitySets.add(name);
      else if (parameter) warnings.add(`DTD declares parameter entity %${name};: ignored (parameter entities are never expanded)`);
      else if (external) warnings.add(`DTD declares external entity &${name}; (${external.trim().replace(/\s+/g, ' ')}): never fetched; references to it stay undefined`);
      // External entities are never fetched; a reference to one is reported as undefined.
      if (!external && !parameter && value !== undefined && !entities.has(name)) {
        if (entities.size >= MAX_DTD_ENTITIES) warnings.add(`more than ${MAX_DTD_ENTITIES} DTD entities; the rest are ignored`);
        else if (value.length > MAX_DTD_ENTITY_LENGTH) warnings.add(`DTD entity &${name}; is too long; ignored`);
        else entities.set(name, literalValue(value));
      }
      i = ENTITY_DECL.lastIndex;
      continue;
    }
    i = declarationEnd(text, i + 1);
  }
  return i;
}

/** Skip whitespace, comments and processing instructions; return where the next construct starts. */
function skipProlog(text: string, i: number): number {
  for (;;) {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i);
      if (end < 0) return i;
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i);
      if (end < 0) return i;
      i = end + 3;
    } else return i;
  }
}

/**
 * Find the DOCTYPE declaration in the prolog, collect its simple internal entities (external ones are
 * never fetched), and blank it out so the XML parser never sees it. What a hostile DTD tries (external
 * entities, parameter entities, a second DOCTYPE) is kept harmless and reported in `warnings`.
 */
export function readDoctype(text: string, warnings: Warnings): DoctypeInfo {
  const entities = new Map<string, string>();
  let start = skipProlog(text, 0);
  if (!isDoctype(text, start)) return { text, entities, declaresHtmlEntities: false };
  const first = readOne(text, start, entities, warnings);
  let blanked = first.text;
  // A second DOCTYPE is not XML; it is blanked out too (its entities are not read), and said.
  for (start = skipProlog(blanked, first.end); isDoctype(blanked, start); start = skipProlog(blanked, start)) {
    const line = blanked.slice(0, start).split('\n').length;
    warnings.add(`a second DOCTYPE declaration (line ${line}): ignored`);
    const extra = readOne(blanked, start, new Map(), warnings);
    blanked = extra.text;
    start = extra.end;
  }
  return { text: blanked, rootName: first.rootName, entities, declaresHtmlEntities: first.declaresHtmlEntities };
}

function isDoctype(text: string, at: number): boolean {
  return text.slice(at, at + 9).toUpperCase() === '<!DOCTYPE';
}

/** Read the DOCTYPE at `start` (entities into `entities`) and blank it out; `end` is where it ended. */
function readOne(text: string, start: number, entities: Map<string, string>, warnings: Warnings): { text: string; end: number; rootName?: string; declaresHtmlEntities: boolean } {
  const nameMatch = /^<!DOCTYPE\s+([^\s[>]+)/i.exec(text.slice(start, start + 200));
  let i = start + 9;
  let quote = '';
  const state: SubsetState = { entitySets: new Set() };
  for (; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') i = readInternalSubset(text, i + 1, entities, warnings, state) - 1;
    else if (c === '>') break;
  }
  const end = Math.min(i + 1, text.length);
  const declaration = text.slice(start, end);
  const externalId = declaration.split('[')[0] ?? '';
  return {
    text: text.slice(0, start) + declaration.replace(/[^\n]/g, ' ') + text.slice(end),
    end,
    ...(nameMatch?.[1] ? { rootName: nameMatch[1] } : {}),
    declaresHtmlEntities: HTML_ENTITY_DTD.test(externalId) || state.entitySets.size > 0,
  };
}
