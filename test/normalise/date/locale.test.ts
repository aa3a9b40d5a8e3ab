import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../src/normalise/date/index.js';

/** [input, expected ISO instant or undefined]: feedparser's locale formats and their edges. */
const CASES: [string, string | undefined][] = [
  // Korean OnBlog and Nate: Korea time (+09:00)
  ['2004\ub144 05\uc6d4 28\uc77c  01:31:15', '2004-05-27T16:31:15.000Z'],
  ['2004\ub144 05\uc6d4 32\uc77c  01:31:15', undefined],
  ['2004-05-25 \uc624\ud6c4 11:23:17', '2004-05-25T14:23:17.000Z'],
  ['2004-05-25 \uc624\uc804 11:23:17', '2004-05-25T02:23:17.000Z'],
  ['2004-05-25 \uc624\ud6c4 12:00:00', '2004-05-25T03:00:00.000Z'],
  ['2004-05-25 \uc624\uc804 12:00:00', '2004-05-24T15:00:00.000Z'],
  ['2004-05-25 \uc624\ud6c4 13:00:00', undefined],
  // Greek (names as ISO-8859-7 feeds wrote them)
  ['\u039a\u03c5\u03c1, 11 \u0399\u03bf\u03cd\u03bb 2004 12:00:00 EST', '2004-07-11T17:00:00.000Z'],
  ['\u0394\u03b5\u03c5, 05 \u0399\u03b1\u03bd 2004 10:00:00 GMT', '2004-01-05T10:00:00.000Z'],
  ['\u0394\u03b5\u03c5, 05 \u0394\u03b5\u03ba 2004 10:00:00 +0200', '2004-12-05T08:00:00.000Z'],
  ['\u0394\u03b5\u03c5, 05 Foo 2004 10:00:00 GMT', undefined],
  ['Foo, 05 \u0399\u03b1\u03bd 2004 10:00:00 GMT', undefined],
  // Hungarian
  ['2004-j\u00falius-13T9:15-05:00', '2004-07-13T14:15:00.000Z'],
  ['2004-okt\u00f3ber-3T19:05+01:00', '2004-10-03T18:05:00.000Z'],
  ['2004-foo-13T9:15-05:00', undefined],
];

describe('parseDate: Korean, Greek and Hungarian formats', () => {
  it.each(CASES)('%j', (input, expected) => {
    expect(parseDate(input)?.toISOString()).toBe(expected);
  });
});
