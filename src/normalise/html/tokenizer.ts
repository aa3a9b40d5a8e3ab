/**
 * The one file that imports htmlparser2: its streaming Tokenizer turned into a small event interface
 * (text, start tag, end tag) that keeps both the decoded text and the source spelling of every
 * character reference, so the sanitiser can write `&#38;` back as written, as feedparser does.
 * Comments, declarations and processing instructions are swallowed here.
 */
import { QuoteType, Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/** A run of character data: literal text, or one character reference (`reference` is its source spelling). */
export interface Fragment {
  readonly text: string;
  readonly reference?: string;
}

/** One attribute of a start tag: lower-cased name, decoded value, and the fragments it was made of. */
export interface Attribute {
  readonly name: string;
  readonly value: string;
  readonly fragments: readonly Fragment[];
}

/** Receives the tokens of an HTML fragment, in document order. */
export interface TokenHandler {
  text(fragment: Fragment): void;
  startTag(name: string, attributes: readonly Attribute[], selfClosing: boolean): void;
  endTag(name: string): void;
}

/** Elements htmlparser2 reads as raw text up to their end tag. */
const RAW_TEXT_ELEMENTS: ReadonlySet<string> = new Set(['script', 'style', 'textarea', 'title', 'xmp']);

/** The attributes of every tag that has none (most of them); never written to. */
const NO_ATTRIBUTES: Attribute[] = [];

/** Unterminated comments recovered feedparser's way before falling back to HTML's (comment to the end). */
const MAX_COMMENT_RECOVERIES = 16;

function codePointText(codePoint: number): string {
  try {
    return String.fromCodePoint(codePoint);
  } catch {
    return '\ufffd';
  }
}

/** Adapts htmlparser2's index-based callbacks to TokenHandler over one source string. */
class TokenStream implements TokenizerCallbacks {
  /** Where to continue after an unterminated comment, when feedparser's recovery finds an end for it. */
  resumeAt: number | undefined;
  private tagName = '';
  private attributes: Attribute[] = NO_ATTRIBUTES;
  private attributeName = '';
  private fragments: Fragment[] = [];
  private pendingReferences: number[] = [];
  private rawText: string | undefined;

  constructor(
    private readonly source: string,
    private readonly handler: TokenHandler,
  ) {}

  ontext(start: number, end: number): void {
    let text = this.source.slice(start, end);
    // An unterminated `<!…`, `<?…` or `</…` at the very end arrives without its opening two characters.
    if (end === this.source.length && start >= 2) {
      const opener = this.source.slice(start - 2, start);
      if (/^<[!?/]$/.test(opener)) text = opener + text;
    }
    // htmlparser2 leaves textarea content undecoded; browsers decode it (RCDATA).
    if (this.rawText === 'textarea') tokenizeCharacterData(text, this.handler);
    else this.handler.text({ text });
  }

  ontextentity(codePoint: number, end: number): void {
    const reference = this.source.slice(this.source.lastIndexOf('&', end - 1), end);
    this.handler.text({ text: codePointText(codePoint), reference });
  }

  onopentagname(start: number, end: number): void {
    this.tagName = this.source.slice(start, end).toLowerCase();
    this.attributes = NO_ATTRIBUTES;
  }

  onattribname(start: number, end: number): void {
    this.attributeName = this.source.slice(start, end).toLowerCase();
    this.fragments = [];
    this.pendingReferences.length = 0;
  }

  onattribdata(start: number, end: number): void {
    this.flushReferences(start);
    if (end > start) this.fragments.push({ text: this.source.slice(start, end) });
  }

  onattribentity(codePoint: number): void {
    this.pendingReferences.push(codePoint);
  }

  onattribend(quote: QuoteType, end: number): void {
    this.flushReferences(quote === QuoteType.Double || quote === QuoteType.Single ? end - 1 : end);
    const only = this.fragments.length === 1 ? this.fragments[0] : undefined;
    const value = only ? only.text : this.fragments.map((fragment) => fragment.text).join('');
    if (this.attributes === NO_ATTRIBUTES) this.attributes = [];
    this.attributes.push({ name: this.attributeName, value, fragments: this.fragments });
  }

  onopentagend(): void {
    this.handler.startTag(this.tagName, this.attributes, false);
    if (RAW_TEXT_ELEMENTS.has(this.tagName)) this.rawText = this.tagName;
  }

  onselfclosingtag(): void {
    this.handler.startTag(this.tagName, this.attributes, true);
  }

  onclosetag(start: number, end: number): void {
    this.rawText = undefined;
    this.handler.endTag(this.source.slice(start, end).toLowerCase());
  }

  oncomment(start: number, end: number, endOffset: number): void {
    // Only an unterminated comment reaches the end of the input with no `-->` to cut off.
    if (endOffset !== 0 || end !== this.source.length || this.source.slice(start - 4, start) !== '<!--') return;
    // feedparser: a comment with no `-->` ends at the first `--…>` instead.
    const dashes = this.source.indexOf('--', start);
    const close = dashes < 0 ? -1 : this.source.indexOf('>', dashes + 2);
    if (close >= 0) this.resumeAt = close + 1;
  }

  oncdata(start: number, end: number, endOffset: number): void {
    this.handler.text({ text: this.source.slice(start, end - endOffset) });
  }

  ondeclaration(): void {}
  onprocessinginstruction(): void {}
  onend(): void {}

  /** Attribute references arrive as code points only: recover each spelling from the `&` before it. */
  private flushReferences(end: number): void {
    if (this.pendingReferences.length === 0) return;
    const spellings: Fragment[] = [];
    let stop = end;
    for (let i = this.pendingReferences.length - 1; i >= 0; i--) {
      const start = this.source.lastIndexOf('&', stop - 1);
      const text = codePointText(this.pendingReferences[i] ?? 0xfffd);
      spellings.push({ text, reference: this.source.slice(start, stop) });
      stop = start;
    }
    this.fragments.push(...spellings.reverse());
    this.pendingReferences.length = 0;
  }
}

/** Tokenize an HTML fragment (entities decoded as browsers do), calling `handler` for each token. */
export function tokenizeHtml(html: string, handler: TokenHandler): void {
  let from = 0;
  for (let recoveries = 0; from < html.length; recoveries++) {
    const source = from === 0 ? html : html.slice(from);
    const stream = new TokenStream(source, handler);
    const tokenizer = new Tokenizer({ decodeEntities: true }, stream);
    tokenizer.write(source);
    tokenizer.end();
    if (stream.resumeAt === undefined || recoveries >= MAX_COMMENT_RECOVERIES) return;
    from += stream.resumeAt;
  }
}

/** Report character data (no markup: `<` is literal) as text and reference fragments. */
function tokenizeCharacterData(text: string, handler: TokenHandler): void {
  text.split('<').forEach((run, index) => {
    if (index > 0) handler.text({ text: '<' });
    if (!run.includes('&')) {
      if (run !== '') handler.text({ text: run });
      return;
    }
    const tokenizer = new Tokenizer({ decodeEntities: true }, new TokenStream(run, handler));
    tokenizer.write(run);
    tokenizer.end();
  });
}

/** The text of a named reference `&name;`, or undefined when HTML does not define that name. */
export function namedReferenceText(name: string): string | undefined {
  const fragments: Fragment[] = [];
  const source = `&${name};`;
  const collect: TokenHandler = { text: (fragment) => fragments.push(fragment), startTag: () => {}, endTag: () => {} };
  const tokenizer = new Tokenizer({ decodeEntities: true }, new TokenStream(source, collect));
  tokenizer.write(source);
  tokenizer.end();
  const only = fragments.length === 1 ? fragments[0] : undefined;
  return only?.reference === source ? only.text : undefined;
}
