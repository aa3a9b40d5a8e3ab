/**
 * The allowlist sanitiser, after feedparser's `_HTMLSanitizer` and `_RelativeURIResolver` in one pass:
 * tokens in, balanced safe HTML out. Policy lives in policy.ts / foreign-policy.ts; deviations are
 * listed there.
 */
import { type ElementKind, addExternalLinkRel, attributeMap, literalAttribute, renderAttributes } from './attributes.js';
import { cleanInput, escapeText, hasMarkup, renderTextFragment } from './escape.js';
import { MATHML_ELEMENTS, MATHML_NAMESPACE, SVG_ELEMENTS, SVG_NAMESPACE } from './foreign-policy.js';
import { DROPPED_WITH_CONTENT, HTML_ELEMENTS, IMPLIED_END_TAGS, MAX_DEPTH, VOID_ELEMENTS } from './policy.js';
import { type Attribute, type Fragment, type TokenHandler, tokenizeHtml } from './tokenizer.js';

/** An element on the stack of open elements. */
interface OpenElement {
  /** Lower-cased name, matched by end tags. */
  readonly name: string;
  /** Name written in the output; undefined for elements dropped with their content. */
  readonly written?: string;
  /** The foreign context (`<svg>` / `<math>` with the right namespace) this element opened. */
  readonly opens?: 'svg' | 'math';
}

/** Streams tokens into sanitised HTML. */
export class Sanitizer implements TokenHandler {
  private readonly out: string[] = [];
  private readonly stack: OpenElement[] = [];
  private readonly openCounts = new Map<string, number>();
  private dropDepth = 0;
  private svgDepth = 0;
  private mathDepth = 0;

  constructor(
    private readonly base: string | undefined,
    /** Give links to other sites `rel="noopener noreferrer"` (SanitizeOptions.externalLinkRel). */
    private readonly externalLinkRel = false,
  ) {}

  text(fragment: Fragment): void {
    if (this.dropDepth === 0) this.out.push(renderTextFragment(fragment));
  }

  startTag(name: string, attributes: readonly Attribute[], selfClosing: boolean): void {
    if (DROPPED_WITH_CONTENT.has(name)) {
      if (!selfClosing) this.push({ name });
      return;
    }
    if (this.dropDepth > 0) return;
    if (this.svgDepth === 0 && this.mathDepth === 0) this.closeImplied(name);

    // Most tags have no attributes (p, li, b ...): then there is nothing to map, check or write.
    const attrs = attributes.length === 0 && name !== 'svg' && name !== 'math' ? undefined : attributeMap(attributes);
    const opens = attrs && this.foreignRoot(name, attrs);
    const svg = this.svgDepth > 0 || opens === 'svg';
    const math = this.mathDepth > 0 || opens === 'math';
    let kind: ElementKind;
    let written = name;
    if (math && MATHML_ELEMENTS.has(name)) {
      kind = 'math';
    } else if (svg && SVG_ELEMENTS.has(name)) {
      kind = 'svg';
      written = SVG_ELEMENTS.get(name) ?? name;
    } else if (HTML_ELEMENTS.has(name)) {
      kind = 'html';
    } else {
      return;
    }

    if (this.externalLinkRel && kind === 'html' && name === 'a' && attrs) addExternalLinkRel(attrs, this.base);
    const isVoid = VOID_ELEMENTS.has(name);
    if (!isVoid && !selfClosing && this.stack.length >= MAX_DEPTH) return;
    const rendered = attrs ? renderAttributes(kind, attrs, { svg, math }, this.base) : '';
    if (isVoid) {
      this.out.push(`<${written}${rendered} />`);
    } else if (selfClosing) {
      this.out.push(`<${written}${rendered}></${written}>`);
    } else {
      this.out.push(`<${written}${rendered}>`);
      this.push(opens === undefined ? { name, written } : { name, written, opens });
    }
  }

  endTag(name: string): void {
    if (this.dropDepth > 0 && !DROPPED_WITH_CONTENT.has(name)) return;
    // Stray end tags are dropped, `</br>` included (XML serialisers write `<br></br>`).
    if ((this.openCounts.get(name) ?? 0) === 0) return;
    for (;;) {
      const popped = this.pop();
      if (popped === undefined || popped.name === name) return;
    }
  }

  /** Close everything still open and return the output, trimmed as feedparser does. */
  finish(): string {
    while (this.pop() !== undefined);
    return this.out.join('').trim();
  }

  /**
   * feedparser adds the namespace to a bare `<svg>` / `<math>`, and only one with the right
   * namespace opens the SVG / MathML vocabulary.
   */
  private foreignRoot(name: string, attrs: Map<string, Attribute>): 'svg' | 'math' | undefined {
    if (name !== 'svg' && name !== 'math') return undefined;
    const namespace = name === 'svg' ? SVG_NAMESPACE : MATHML_NAMESPACE;
    if (!attrs.get('xmlns')?.value) attrs.set('xmlns', literalAttribute('xmlns', namespace));
    return attrs.get('xmlns')?.value === namespace ? name : undefined;
  }

  private closeImplied(name: string): void {
    const closes = IMPLIED_END_TAGS.get(name);
    if (closes === undefined) return;
    for (let top = this.stack.at(-1); top !== undefined && closes.has(top.name); top = this.stack.at(-1)) this.pop();
  }

  private push(element: OpenElement): void {
    this.stack.push(element);
    this.openCounts.set(element.name, (this.openCounts.get(element.name) ?? 0) + 1);
    if (element.written === undefined) this.dropDepth++;
    if (element.opens === 'svg') this.svgDepth++;
    if (element.opens === 'math') this.mathDepth++;
  }

  private pop(): OpenElement | undefined {
    const element = this.stack.pop();
    if (element === undefined) return undefined;
    this.openCounts.set(element.name, (this.openCounts.get(element.name) ?? 1) - 1);
    if (element.written === undefined) this.dropDepth--;
    else this.out.push(`</${element.written}>`);
    if (element.opens === 'svg') this.svgDepth--;
    if (element.opens === 'math') this.mathDepth--;
    return element;
  }
}

/**
 * feedparser's pre-parse rewrites: a CDATA section and any `<!` that starts no comment, doctype or
 * marked section become text.
 */
export function rewriteMarkupDeclarations(html: string): string {
  if (!html.includes('<!')) return html;
  return html.replaceAll('<![CDATA[', '&lt;![CDATA[').replace(/<!(?!doctype|--|\[)/gi, '&lt;!');
}

/** Options for sanitizeHtml. */
export interface SanitizeOptions {
  /** Absolute URL that relative href/src/cite/... values are resolved against. */
  base?: string;
  /**
   * Give every `<a>` that leads to another site `rel="noopener noreferrer"` (its own rel tokens kept): what HTML
   * republished on our pages and in our feeds needs. Off by default, which is feedparser's sanitiser exactly.
   */
  externalLinkRel?: boolean;
}

/** Sanitise untrusted HTML: allowlisted markup only, safe URLs (resolved against `options.base`). Never throws. */
export function sanitizeHtml(html: string, options: SanitizeOptions = {}): string {
  if (typeof html !== 'string' || html === '') return '';
  try {
    const cleaned = cleanInput(html);
    if (!hasMarkup(cleaned)) return cleaned.trim();
    const sanitizer = new Sanitizer(options?.base || undefined, options?.externalLinkRel === true);
    tokenizeHtml(rewriteMarkupDeclarations(cleaned), sanitizer);
    return sanitizer.finish();
  } catch {
    // Unreachable in practice; if it ever happens, escaped text is still safe to publish.
    return escapeText(cleanInput(html)).trim();
  }
}
