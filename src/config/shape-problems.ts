import type { PathSegment } from './json-document.js';
import type { RawProblem } from './problems.js';
import type { ShapeIssue } from './schema.js';
import { closest } from './suggest.js';

/**
 * Turn schema issues into problems. An unknown-keys issue becomes one problem per key, at the key's own
 * path, naming the likely intended key: typos must be seen, not silently ignored.
 */
export function shapeProblems(issues: readonly ShapeIssue[], knownKeysAt: (path: readonly PathSegment[]) => string[]): RawProblem[] {
  const problems: RawProblem[] = [];
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys' || issue.keys === undefined) {
      problems.push({ path: issue.path, message: issue.message });
      continue;
    }
    const known = knownKeysAt(issue.path).filter((key) => key !== '$schema');
    for (const key of issue.keys) {
      const guess = closest(key, known);
      const hint = guess !== undefined ? `did you mean ${JSON.stringify(guess)}?` : `expected one of: ${known.join(', ')}`;
      problems.push({ path: [...issue.path, key], message: `unknown key (${hint})` });
    }
  }
  return problems;
}
