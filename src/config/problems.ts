import type { ConfigProblem } from '../model/errors.js';
import type { JsonDocument, PathSegment } from './json-document.js';

/** A problem located by path segments, before it is formatted and put in document order. */
export interface RawProblem {
  path: PathSegment[];
  message: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Format a path the way operators read it: `sources[3].url`, `$` for the whole document. */
export function formatPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text === '' ? '$' : text;
}

/**
 * Format problems, drop repeats, and sort them in document order: by where each path (or, for a missing
 * key, its nearest existing parent) starts in the text, keeping the found order between equals.
 */
export function orderProblems(problems: readonly RawProblem[], document: JsonDocument): ConfigProblem[] {
  const seen = new Set<string>();
  const located: { problem: ConfigProblem; offset: number; depth: number }[] = [];
  for (const { path, message } of problems) {
    const formatted = formatPath(path);
    const key = `${formatted}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let depth = path.length;
    let position = document.locate(path);
    while (position === undefined && depth > 0) {
      depth -= 1;
      position = document.locate(path.slice(0, depth));
    }
    const problem: ConfigProblem = { path: formatted, message };
    if (position !== undefined) {
      problem.line = position.line;
      problem.column = position.column;
    }
    located.push({ problem, offset: position?.offset ?? 0, depth });
  }
  located.sort((a, b) => a.offset - b.offset || a.depth - b.depth);
  return located.map((entry) => entry.problem);
}
