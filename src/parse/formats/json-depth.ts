import { position, tooDeep } from '../limits.js';

const STRUCTURE = /["[{\]}]/g;

/** The index just after the quote that closes a JSON string whose content starts at `from`, or -1. */
function stringEnd(text: string, from: number): number {
  for (let quote = text.indexOf('"', from); quote >= 0; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0;
    for (let k = quote - 1; k >= from && text.charCodeAt(k) === 0x5c; k--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
  }
  return -1;
}

/**
 * Throw TOO_COMPLEX when a JSON text nests arrays and objects deeper than `maxDepth`, before anything is
 * built from it. Strings are skipped; the rest of JSON's syntax is left to JSON.parse.
 */
export function checkJsonDepth(text: string, maxDepth: number): void {
  let depth = 0;
  STRUCTURE.lastIndex = 0;
  for (let m = STRUCTURE.exec(text); m; m = STRUCTURE.exec(text)) {
    const c = m[0];
    if (c === '"') {
      const end = stringEnd(text, m.index + 1);
      if (end < 0) return;
      STRUCTURE.lastIndex = end;
    } else if (c === '[' || c === '{') {
      if (++depth > maxDepth) throw tooDeep(maxDepth, position(text, m.index));
    } else depth--;
  }
}
