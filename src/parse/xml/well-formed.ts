const NAME = '[A-Za-z_:\\u00C0-\\uFFFF][\\w.\\-:\\u00B7-\\uFFFF]*';
const START_TAG = new RegExp(`<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`, 'y');
const END_TAG = new RegExp(`</(${NAME})\\s*>`, 'y');
const REFERENCE = new RegExp(`&(?:#[0-9]+|#[xX][0-9a-fA-F]+|${NAME});`, 'y');
const ATTRIBUTE_NAME = new RegExp(`(${NAME})\\s*=\\s*(?:"[^"]*"|'[^']*')`, 'g');
const NON_SPACE = /\S/;

/** Where a well-formedness error is: 1-based line and column of an offset. */
function position(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

/**
 * Finds `&`s that start no well-formed reference. It remembers where the next `&` is, so scanning
 * many small text runs of a document without any `&` stays linear.
 */
class AmpersandScanner {
  private next = -2;

  constructor(private readonly text: string) {}

  /** The offset of the first bad `&` in text[from, to), or -1. */
  badIn(from: number, to: number): number {
    if (this.next !== -1 && this.next < from) this.next = this.text.indexOf('&', from);
    while (this.next !== -1 && this.next < to) {
      REFERENCE.lastIndex = this.next;
      if (!REFERENCE.test(this.text)) return this.next;
      this.next = this.text.indexOf('&', this.next + 1);
    }
    return -1;
  }
}

/** The offset of the first `&` in a short string that does not start a well-formed reference, or -1. */
function badAmpersand(text: string): number {
  return new AmpersandScanner(text).badIn(0, text.length);
}

function repeatedAttribute(attributes: string): string | undefined {
  if (attributes.indexOf('=') === attributes.lastIndexOf('=')) return undefined;
  const seen = new Set<string>();
  for (const m of attributes.matchAll(ATTRIBUTE_NAME)) {
    const name = m[1] ?? '';
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}

/**
 * The first well-formedness error of a document ("mismatched end tag </b>, expected </i> (line 3, column 7)"),
 * or undefined when it is well-formed. Checks what decides how to parse: tags, nesting, attribute syntax,
 * `&` references, a single root. A DOCTYPE must already be blanked out.
 */
export function findWellFormednessError(text: string): string | undefined {
  const stack: string[] = [];
  let rootClosed = false;
  let seenRoot = false;
  let pos = 0;
  const fail = (message: string, at: number): string => `${message} (${position(text, at)})`;
  const ampersands = new AmpersandScanner(text);
  while (pos < text.length) {
    const lt = text.indexOf('<', pos);
    const end = lt < 0 ? text.length : lt;
    if (stack.length === 0) {
      const junk = text.slice(pos, end).search(NON_SPACE);
      if (junk >= 0) return fail('text outside the root element', pos + junk);
    } else {
      const amp = ampersands.badIn(pos, end);
      if (amp >= 0) return fail("'&' that starts no entity reference", amp);
    }
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) {
      const close = text.indexOf('-->', lt + 4);
      if (close < 0) return fail('unclosed comment', lt);
      pos = close + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const close = text.indexOf(']]>', lt + 9);
      if (close < 0) return fail('unclosed CDATA section', lt);
      if (stack.length === 0) return fail('CDATA outside the root element', lt);
      pos = close + 3;
    } else if (text.startsWith('<?', lt)) {
      const close = text.indexOf('?>', lt + 2);
      if (close < 0) return fail('unclosed processing instruction', lt);
      if (lt > 0 && /^<\?xml\s/i.test(text.slice(lt, lt + 6))) return fail('XML declaration not at the start', lt);
      pos = close + 2;
    } else if (text[lt + 1] === '/') {
      END_TAG.lastIndex = lt;
      const m = END_TAG.exec(text);
      if (!m) return fail('malformed end tag', lt);
      const open = stack.pop();
      if (open !== m[1]) return fail(open ? `end tag </${m[1]}> does not match <${open}>` : `end tag </${m[1]}> was never opened`, lt);
      if (stack.length === 0) rootClosed = true;
      pos = END_TAG.lastIndex;
    } else {
      START_TAG.lastIndex = lt;
      const m = START_TAG.exec(text);
      if (!m) return fail("malformed start tag or a bare '<'", lt);
      const [, name = '', attributes = '', selfClosing] = m;
      if (rootClosed || (seenRoot && stack.length === 0)) return fail('more than one root element', lt);
      const repeated = repeatedAttribute(attributes);
      if (repeated) return fail(`attribute ${repeated} is repeated`, lt);
      const amp = attributes.includes('&') ? badAmpersand(attributes) : -1;
      if (amp >= 0) return fail("'&' that starts no entity reference in an attribute", lt);
      seenRoot = true;
      if (!selfClosing) stack.push(name);
      else if (stack.length === 0) rootClosed = true;
      pos = START_TAG.lastIndex;
    }
  }
  if (!seenRoot) return 'no root element';
  const unclosed = stack[stack.length - 1];
  return unclosed ? fail(`unclosed element <${unclosed}>`, text.length) : undefined;
}
