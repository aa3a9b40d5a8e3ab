/**
 * `style` attribute filtering, a port of feedparser's `sanitize_style`: `url(…)` removed, anything
 * outside a small character gauntlet rejects the whole attribute, then declarations are kept by property
 * allowlist (box shorthands only with known keywords or plain lengths/colours).
 * Written as linear scanners rather than feedparser's regular expressions (no backtracking).
 */

/** Styles longer than this are dropped outright: no real inline style needs it. */
const MAX_STYLE_LENGTH = 8192;

/** Longest keyword checked against VALID_VALUE (the pattern is bounded anyway). */
const MAX_KEYWORD_LENGTH = 64;

const PROPERTIES: ReadonlySet<string> = new Set(
  `azimuth background-color border-bottom-color border-collapse border-color border-left-color
  border-right-color border-top-color clear color cursor direction display elevation float font font-family
  font-size font-style font-variant font-weight height letter-spacing line-height overflow pause pause-after
  pause-before pitch pitch-range richness speak speak-header speak-numeral speak-punctuation speech-rate
  stress text-align text-decoration text-indent unicode-bidi vertical-align voice-family volume white-space
  width`.split(/\s+/),
);

/** Shorthand families whose values must be keywords or plain lengths/colours. */
const BOX_FAMILIES: ReadonlySet<string> = new Set(['background', 'border', 'margin', 'padding']);

const KEYWORDS: ReadonlySet<string> = new Set(
  `!important aqua auto black block blue bold both bottom brown center collapse dashed dotted fuchsia gray
  green italic left lime maroon medium navy none normal nowrap olive pointer purple red right silver solid
  teal top transparent underline white yellow`.split(/\s+/),
);

const SVG_PROPERTIES: ReadonlySet<string> = new Set(
  'fill fill-opacity fill-rule stroke stroke-linecap stroke-linejoin stroke-opacity stroke-width'.split(' '),
);

/** feedparser's `valid_css_values`: hex colours, rgb(), small lengths. */
const VALID_VALUE = /^(#[0-9a-f]+|rgb\(\d+%?,\d*%?,?\d*%?\)?|\d{0,2}\.?\d{0,2}(cm|em|ex|in|mm|pc|pt|px|%|,|\))?)$/;

const WORD = /[\p{L}\p{N}_]/u;
const DIGIT = /\p{Nd}/u;

function isSpace(c: string | undefined): boolean {
  return c !== undefined && /\s/.test(c);
}

/** Python's `\w` (Unicode word character). */
function isWord(c: string | undefined): boolean {
  if (c === undefined) return false;
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_' || WORD.test(c);
}

/** Characters the gauntlet accepts one at a time: `[:,;#%.\sa-zA-Z0-9!]`. */
function isPlain(c: string): boolean {
  return /[:,;#%.a-zA-Z0-9!]/.test(c) || isSpace(c);
}

/** Replace each `url\s*\(\s*[^\s)]+?\s*\)\s*` with a space. */
function removeUrls(style: string): string {
  let out = '';
  let copied = 0;
  let from = 0;
  // A run of non-space, non-')' characters ends at the same place wherever inside it a match starts.
  let memoStart = -1;
  let memoEnd = -1;
  let memoMatchEnd = -1;
  for (;;) {
    const at = style.indexOf('url', from);
    if (at < 0) break;
    let j = at + 3;
    while (isSpace(style[j])) j++;
    if (style[j] !== '(') {
      from = at + 1;
      continue;
    }
    j++;
    while (isSpace(style[j])) j++;
    let matchEnd: number;
    if (j > memoStart && j < memoEnd) {
      matchEnd = memoMatchEnd;
    } else {
      const runStart = j;
      while (j < style.length && !isSpace(style[j]) && style[j] !== ')') j++;
      const runEnd = j;
      while (isSpace(style[j])) j++;
      if (runEnd > runStart && style[j] === ')') {
        j++;
        while (isSpace(style[j])) j++;
        matchEnd = j;
      } else {
        matchEnd = -1;
      }
      [memoStart, memoEnd, memoMatchEnd] = [runStart, runEnd, matchEnd];
    }
    if (matchEnd < 0) {
      from = at + 1;
      continue;
    }
    out += style.slice(copied, at) + ' ';
    copied = from = matchEnd;
  }
  return out + style.slice(copied);
}

/** `^([:,;#%.\sa-zA-Z0-9!]|\w-\w|'[\s\w]+'|"[\s\w]+"|\([\d,\s]+\))*$`, decided left to right. */
function passesGauntlet(s: string): boolean {
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    if (c === "'" || c === '"' || c === '(') {
      const close = c === '(' ? ')' : c;
      const allowed =
        c === '(' ? (x: string) => DIGIT.test(x) || x === ',' || isSpace(x) : (x: string) => isSpace(x) || isWord(x);
      let j = i + 1;
      while (j < s.length && allowed(s[j] as string)) j++;
      if (j === i + 1 || s[j] !== close) return false;
      i = j + 1;
    } else if (s[i + 1] === '-' && isWord(c)) {
      // `-` starts no token, so `x-` must be the start of `\w-\w`.
      if (!isWord(s[i + 2])) return false;
      i += 3;
    } else if (isPlain(c)) {
      i++;
    } else {
      return false;
    }
  }
  return true;
}

/** Split into `prop: value` declarations; null when anything else is left over. */
function declarations(s: string): Array<[string, string]> | null {
  const found: Array<[string, string]> = [];
  let q = 0;
  for (;;) {
    while (isSpace(s[q])) q++;
    if (q >= s.length) return found;
    const propStart = q;
    while (q < s.length && (s[q] === '-' || isWord(s[q]))) q++;
    if (q === propStart) return null;
    const prop = s.slice(propStart, q);
    while (isSpace(s[q])) q++;
    if (s[q] !== ':') return null;
    q++;
    while (isSpace(s[q])) q++;
    const valueStart = q;
    while (q < s.length && s[q] !== ':' && s[q] !== ';') q++;
    found.push([prop, s.slice(valueStart, q)]);
    if (s[q] === ';') q++;
  }
}

function isBoxValue(value: string): boolean {
  return value
    .split(/\s+/)
    .filter((keyword) => keyword !== '')
    .every((keyword) => KEYWORDS.has(keyword) || (keyword.length <= MAX_KEYWORD_LENGTH && VALID_VALUE.test(keyword)));
}

/** Filtered `style` value ("" when nothing safe is left); `inSvg` also allows SVG paint properties. */
export function sanitizeStyle(style: string, inSvg: boolean): string {
  if (style.length > MAX_STYLE_LENGTH) return '';
  const stripped = removeUrls(style);
  if (!passesGauntlet(stripped)) return '';
  const found = declarations(stripped);
  if (found === null) return '';
  const clean: string[] = [];
  for (const [prop, value] of found) {
    if (value === '') continue;
    const lower = prop.toLowerCase();
    const family = lower.split('-')[0] ?? '';
    const keep =
      PROPERTIES.has(lower) ||
      (BOX_FAMILIES.has(family) && isBoxValue(value)) ||
      (inSvg && SVG_PROPERTIES.has(lower));
    if (keep) clean.push(`${prop}: ${value};`);
  }
  return clean.join(' ');
}
