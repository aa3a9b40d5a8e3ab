import { position, tooDeep } from '../limits.js';

const NAME = '[A-Za-z_:\\u00C0-\\uFFFF][\\w.\\-:\\u00B7-\\uFFFF]*';
const START_TAG_NAME = new RegExp(`<(${NAME})`, 'y');
const ATTRIBUTE = new RegExp(`\\s+(${NAME})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, 'y');
const START_TAG_END = /\s*\/?>/y;
/** Shared by every tag without attributes; never written to. */
const NO_ATTRIBUTES: Array<[string, string]> = [];
const END_TAG = new RegExp(`</(${NAME})\\s*>`, 'y');
const REFERENCE = new RegExp(`&(?:#[0-9]+|#[xX][0-9a-fA-F]+|${NAME});`, 'y');
const NON_SPACE = /\S/;
const XML_DECLARATION = /^<\?xml\s/i;

/** What the strict parser reports, in document order; TreeBuilder is one. Character data arrives undecoded. */
export interface XmlEventSink {
  open(qname: string, rawAttributes: ReadonlyArray<readonly [string, string]>): void;
  close(): void;
  text(raw: string): void;
  cdata(value: string): void;
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

/** True when a quoted attribute value holds an `&` that starts no well-formed reference. */
function hasBadAmpersand(value: string): boolean {
  for (let amp = value.indexOf('&'); amp >= 0; amp = value.indexOf('&', amp + 1)) {
    REFERENCE.lastIndex = amp;
    if (!REFERENCE.test(value)) return true;
  }
  return false;
}

function repeatedAttribute(attributes: ReadonlyArray<readonly [string, string]>): string | undefined {
  if (attributes.length < 2) return undefined;
  const seen = new Set<string>();
  for (const [name] of attributes) {
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}

/** Stops the reading at the first well-formedness error. */
class NotWellFormed extends Error {}

/** Discards every event: for checking well-formedness alone. */
const NOWHERE: XmlEventSink = { open() {}, close() {}, text() {}, cdata() {} };

/**
 * Read a document in one pass, reporting its elements and character data to `sink`, if and only if it is
 * well-formed: returns the first well-formedness error ("end tag </b> does not match <i> (line 3, column 7)")
 * — the sink has then seen the part before it — or undefined. Checks what decides how to parse: tags,
 * nesting, attribute syntax, `&` references, a single root. A DOCTYPE must already be blanked out.
 * A well-formed document nested deeper than `maxDepth` throws TOO_COMPLEX (an ill-formed one is left to
 * the lenient parser, which nests differently: it closes `<br>` at once).
 */
export function parseStrictly(text: string, sink: XmlEventSink, maxDepth: number): string | undefined {
  const reader = new StrictReader(text, sink, maxDepth);
  try {
    reader.read();
  } catch (error) {
    if (error instanceof NotWellFormed) return error.message;
    throw error;
  }
  if (reader.tooDeepAt >= 0) throw tooDeep(maxDepth, position(text, reader.tooDeepAt));
  return undefined;
}

/** The first well-formedness error of a document, or undefined when it is well-formed. */
export function findWellFormednessError(text: string): string | undefined {
  return parseStrictly(text, NOWHERE, Infinity);
}

class StrictReader {
  /** Where the document first nested deeper than maxDepth (the rest is only checked, not reported), or -1. */
  tooDeepAt = -1;
  private readonly stack: string[] = [];
  private readonly ampersands: AmpersandScanner;
  private rootClosed = false;
  private seenRoot = false;
  private pos = 0;
  // Character data runs on across comments, as one text node (processing instructions and tags end it).
  private pending = '';

  constructor(
    private readonly text: string,
    private sink: XmlEventSink,
    private readonly maxDepth: number,
  ) {
    this.ampersands = new AmpersandScanner(text);
  }

  read(): void {
    const { text, stack } = this;
    while (this.pos < text.length) {
      const lt = text.indexOf('<', this.pos);
      this.characterData(lt < 0 ? text.length : lt);
      if (lt < 0) break;
      const next = text.charCodeAt(lt + 1);
      if (next === 0x21 /* ! */ && text.startsWith('<!--', lt)) {
        const close = text.indexOf('-->', lt + 4);
        if (close < 0) this.fail('unclosed comment', lt);
        this.pos = close + 3;
      } else if (next === 0x21 && text.startsWith('<![CDATA[', lt)) {
        const close = text.indexOf(']]>', lt + 9);
        if (close < 0) this.fail('unclosed CDATA section', lt);
        if (stack.length === 0) this.fail('CDATA outside the root element', lt);
        this.flush();
        this.sink.cdata(text.slice(lt + 9, close));
        this.pos = close + 3;
      } else if (next === 0x3f /* ? */) {
        const close = text.indexOf('?>', lt + 2);
        if (close < 0) this.fail('unclosed processing instruction', lt);
        if (lt > 0 && XML_DECLARATION.test(text.slice(lt, lt + 6))) this.fail('XML declaration not at the start', lt);
        this.flush();
        this.pos = close + 2;
      } else if (next === 0x2f /* / */) {
        this.endTag(lt);
      } else {
        this.startTag(lt);
      }
    }
    if (!this.seenRoot) throw new NotWellFormed('no root element');
    const unclosed = stack[stack.length - 1];
    if (unclosed) this.fail(`unclosed element <${unclosed}>`, text.length);
  }

  /** The text from the current position to `end`: checked, and kept for the sink inside the root. */
  private characterData(end: number): void {
    const { text, pos } = this;
    if (end <= pos) return;
    if (this.stack.length === 0) {
      const junk = text.slice(pos, end).search(NON_SPACE);
      if (junk >= 0) this.fail('text outside the root element', pos + junk);
      return;
    }
    const amp = this.ampersands.badIn(pos, end);
    if (amp >= 0) this.fail("'&' that starts no entity reference", amp);
    this.pending += text.slice(pos, end);
  }

  private endTag(lt: number): void {
    const { text, stack } = this;
    const open = stack.pop();
    // Nearly always the end tag is exactly `</name>` of the open element; the expression is for the rest.
    let end = lt + 2 + (open?.length ?? 0);
    if (open !== undefined && text.charCodeAt(end) === 0x3e /* > */ && text.startsWith(open, lt + 2)) end++;
    else {
      END_TAG.lastIndex = lt;
      const name = END_TAG.exec(text)?.[1];
      if (name === undefined) return this.fail('malformed end tag', lt);
      if (open !== name) this.fail(open ? `end tag </${name}> does not match <${open}>` : `end tag </${name}> was never opened`, lt);
      end = END_TAG.lastIndex;
    }
    this.flush();
    this.sink.close();
    if (stack.length === 0) this.rootClosed = true;
    this.pos = end;
  }

  private startTag(lt: number): void {
    const { text, stack } = this;
    // test() and slices rather than exec(): no match arrays for the tags without attributes most elements are.
    START_TAG_NAME.lastIndex = lt;
    if (!START_TAG_NAME.test(text)) return this.fail("malformed start tag or a bare '<'", lt);
    const name = text.slice(lt + 1, START_TAG_NAME.lastIndex);
    let attributes: Array<[string, string]> = NO_ATTRIBUTES;
    let at = START_TAG_NAME.lastIndex;
    for (ATTRIBUTE.lastIndex = at; ; ATTRIBUTE.lastIndex = at) {
      const a = ATTRIBUTE.exec(text);
      if (!a) break;
      if (attributes === NO_ATTRIBUTES) attributes = [];
      attributes.push([a[1] ?? '', a[2] ?? a[3] ?? '']);
      at = ATTRIBUTE.lastIndex;
    }
    START_TAG_END.lastIndex = at;
    if (!START_TAG_END.test(text)) return this.fail("malformed start tag or a bare '<'", lt);
    const selfClosing = text.charCodeAt(START_TAG_END.lastIndex - 2) === 0x2f; /* / */
    if (this.rootClosed || (this.seenRoot && stack.length === 0)) this.fail('more than one root element', lt);
    const repeated = repeatedAttribute(attributes);
    if (repeated) this.fail(`attribute ${repeated} is repeated`, lt);
    for (const [, value] of attributes) {
      if (hasBadAmpersand(value)) this.fail("'&' that starts no entity reference in an attribute", lt);
    }
    this.seenRoot = true;
    if (stack.length >= this.maxDepth && this.tooDeepAt < 0) {
      this.tooDeepAt = lt;
      this.sink = NOWHERE;
    }
    this.flush();
    this.sink.open(name, attributes);
    if (selfClosing) {
      this.sink.close();
      if (stack.length === 0) this.rootClosed = true;
    } else stack.push(name);
    this.pos = START_TAG_END.lastIndex;
  }

  private flush(): void {
    if (this.pending !== '') this.sink.text(this.pending);
    this.pending = '';
  }

  private fail(message: string, at: number): never {
    throw new NotWellFormed(`${message} (${position(this.text, at)})`);
  }
}
