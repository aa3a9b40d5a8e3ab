import { parseJsonDocument } from '../config/json-document.js';
import type { PathSegment } from '../config/json-document.js';

// Where values sit in a JSON text, so that an edit can replace a few characters and leave the rest of
// the file (its order, indentation, line breaks) exactly as the operator wrote it.

/** A value's place in the text: [start, end). */
export interface Span {
  start: number;
  end: number;
}

const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/** The index after the whitespace at `from`. */
export function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && ' \t\r\n'.includes(text[i] ?? '')) i++;
  return i;
}

/** The index just after the JSON value starting at `start` (the text is known to be valid JSON). */
export function valueEnd(text: string, start: number): number {
  const first = text[start];
  if (first === '"') return stringEnd(text, start);
  if (first === '{' || first === '[') {
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      const c = text[i];
      if (c === '"') i = stringEnd(text, i) - 1;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return text.length;
  }
  LITERAL.lastIndex = start;
  return LITERAL.test(text) ? LITERAL.lastIndex : start;
}

function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}

/** A parsed JSON text that can say where each value is. */
export interface JsonSpans {
  value: unknown;
  /** The span of the value at `path`, or undefined when there is none. */
  valueSpan(path: readonly PathSegment[]): Span | undefined;
  /** The span of an object member, key included, or undefined. */
  memberSpan(path: readonly PathSegment[]): Span | undefined;
}

/** Read `text` (strict JSON; throws JsonSyntaxError) and locate its values. */
export function jsonSpans(text: string): JsonSpans {
  const document = parseJsonDocument(text);
  const memberSpan = (path: readonly PathSegment[]): Span | undefined => {
    const last = path.at(-1);
    if (typeof last !== 'string') return undefined;
    const at = document.locate(path);
    if (at === undefined) return undefined;
    const colon = skipSpace(text, stringEnd(text, at.offset));
    return { start: at.offset, end: valueEnd(text, skipSpace(text, colon + 1)) };
  };
  const valueSpan = (path: readonly PathSegment[]): Span | undefined => {
    const at = document.locate(path);
    if (at === undefined) return undefined;
    let start = at.offset;
    // An object member's position is its key's: step over the key and the colon.
    if (typeof path.at(-1) === 'string') start = skipSpace(text, skipSpace(text, stringEnd(text, start)) + 1);
    return { start, end: valueEnd(text, start) };
  };
  return { value: document.value, valueSpan, memberSpan };
}

/** The whitespace that starts the line containing `offset`. */
export function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/** The indentation step the file uses: the first indented line's leading whitespace (two spaces if none). */
export function indentUnit(text: string): string {
  return /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
}
