/**
 * An item's body is both published (sanitised HTML) and read as plain text (dedup, tagging, search): one
 * tokenisation feeds both the sanitiser and the text collector, so the HTML is read once.
 */
import { cleanInput, hasMarkup } from './escape.js';
import { htmlToText, TextCollector, textOfCleaned } from './html-to-text.js';
import { rewriteMarkupDeclarations, Sanitizer, sanitizeHtml, type SanitizeOptions } from './sanitize.js';
import { type Attribute, type Fragment, type TokenHandler, tokenizeHtml } from './tokenizer.js';

/** Passes every token to two handlers. */
class Tee implements TokenHandler {
  constructor(
    private readonly first: TokenHandler,
    private readonly second: TokenHandler,
  ) {}

  text(fragment: Fragment): void {
    this.first.text(fragment);
    this.second.text(fragment);
  }

  startTag(name: string, attributes: readonly Attribute[], selfClosing: boolean): void {
    this.first.startTag(name, attributes, selfClosing);
    this.second.startTag(name, attributes, selfClosing);
  }

  endTag(name: string): void {
    this.first.endTag(name);
    this.second.endTag(name);
  }
}

/** What sanitizeHtml and htmlToText give for one fragment, from one tokenisation. Never throws. */
export function sanitizeHtmlWithText(html: string, options: SanitizeOptions = {}): { html: string; text: string } {
  if (typeof html !== 'string' || html === '') return { html: '', text: '' };
  const cleaned = cleanInput(html);
  if (!hasMarkup(cleaned)) return { html: cleaned.trim(), text: textOfCleaned(cleaned) };
  // feedparser's rewrite of `<![CDATA[` and stray `<!` is the sanitiser's alone: then the two read different tokens.
  if (rewriteMarkupDeclarations(cleaned) === cleaned) {
    try {
      const sanitizer = new Sanitizer(options.base || undefined, options.externalLinkRel === true);
      const collector = new TextCollector();
      tokenizeHtml(cleaned, new Tee(sanitizer, collector));
      return { html: sanitizer.finish(), text: collector.result() };
    } catch {
      // fall through: each on its own, with its own fallback
    }
  }
  return { html: sanitizeHtml(html, options), text: htmlToText(html) };
}
