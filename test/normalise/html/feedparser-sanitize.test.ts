import { describe, expect, it } from 'vitest';
import { SANITIZER_DEVIATIONS, sanitizeHtml } from '../../../src/normalise/html/index.js';
import { type SanitizeCase, pythonStringConcatenation, readCases } from './feedparser-cases.js';

/** Both folders match fully today (outside the deviations); the floor leaves room for one or two corpus oddities. */
const PASS_RATE_FLOOR = 0.99;

/**
 * Why feedparser's expected output differs from ours on purpose, or undefined when it should match:
 * a deviation element in the output, or a comment (feedparser keeps comments, we drop them).
 */
function deviation(testCase: SanitizeCase): string | undefined {
  if (testCase.expected.includes('<!--')) return 'comments';
  const names = [...testCase.expected.matchAll(/<([a-zA-Z][\w-]*)/g)].map((m) => m[1]);
  return names.find((name) => name !== undefined && SANITIZER_DEVIATIONS.includes(name));
}

describe('pythonStringConcatenation (test helper)', () => {
  it.each([
    [`'<a></a>'`, '<a></a>'],
    [`'a' + "b"`, 'ab'],
    [`'''it's'''`, "it's"],
    [`'\\n\\t\\u00c0\\x41'`, '\n\t\u00c0A'],
    [`'a' or 'b'`, undefined],
  ])('%s', (source, decoded) => {
    expect(pythonStringConcatenation(source)).toBe(decoded);
  });
});

/** Corpus folders whose plain `field == 'literal'` expectations exercise the sanitiser, and the least they read. */
const FOLDERS: Array<[folder: string, minimumCases: number]> = [
  ['wellformed/sanitize', 700],
  // Relative URLs in content resolved against xml:base, Content-Location or the document URL.
  ['wellformed/base', 50],
];

describe.each(FOLDERS)('sanitizeHtml against feedparser %s', (folder, minimumCases) => {
  const { cases, skipped } = readCases(folder);

  it('reads the corpus', () => {
    expect(cases.length).toBeGreaterThanOrEqual(minimumCases);
  });

  it(`matches feedparser on at least ${PASS_RATE_FLOOR * 100}% of the cases outside the deviation list`, () => {
    const failures: string[] = [];
    let compared = 0;
    let passed = 0;
    let deviating = 0;
    for (const testCase of cases) {
      if (deviation(testCase) !== undefined) {
        deviating++;
        continue;
      }
      compared++;
      const actual = sanitizeHtml(testCase.input, testCase.base ? { base: testCase.base } : {});
      if (actual === testCase.expected) passed++;
      else failures.push(`${testCase.file}: expected ${JSON.stringify(testCase.expected)}, got ${JSON.stringify(actual)}`);
    }
    const rate = passed / compared;
    console.log(
      `feedparser ${folder} conformance: ${passed}/${compared} = ${(rate * 100).toFixed(1)}% ` +
        `(${deviating} deliberate deviations, ${skipped.length} files without a plain content Expect)`,
    );
    if (failures.length > 0) console.log(failures.join('\n'));
    expect(rate).toBeGreaterThanOrEqual(PASS_RATE_FLOOR);
  });

  it('never outputs a deviation element, even where feedparser does', () => {
    for (const testCase of cases.filter((c) => deviation(c) !== undefined && deviation(c) !== 'comments')) {
      const actual = sanitizeHtml(testCase.input);
      expect(actual, testCase.file).not.toMatch(new RegExp(`<${deviation(testCase)}[\\s>/]`));
    }
  });
});
