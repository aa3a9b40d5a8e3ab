import { DEFAULT_DOCUMENT_LIMITS, FeedloomError } from '../model/index.js';

/**
 * How deeply a document's elements (or a JSON Feed's arrays and objects) may nest by default (config
 * `limits.maxDepth`). Feeds nest a few levels, their inline XHTML a few dozen at most; 256 leaves room for any
 * real page and keeps a hostile document from costing depth-proportional work per element.
 */
export const DEFAULT_MAX_DEPTH = DEFAULT_DOCUMENT_LIMITS.maxDepth;

/** Limits on one document, beside its bytes. */
export interface ParseOptions {
  /** Deepest nesting allowed (DEFAULT_MAX_DEPTH when absent); a deeper document fails with TOO_COMPLEX. */
  maxDepth?: number;
}

/** Where an offset of a text is, as `line L, column C` (both 1-based). */
export function position(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

/** The TOO_COMPLEX error for a document nested deeper than `maxDepth`, naming the limit and where it was passed. */
export function tooDeep(maxDepth: number, where: string, detail = ''): FeedloomError {
  return new FeedloomError('TOO_COMPLEX', `document too complex: nested deeper than limits.maxDepth (${maxDepth} levels${detail}) at ${where}`);
}
