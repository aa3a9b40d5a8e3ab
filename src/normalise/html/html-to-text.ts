/**
 * HTML to plain text for titles, dedup and tagging: tags dropped (script and style with their content),
 * character references decoded, block boundaries and `<br>` read as spaces, whitespace collapsed.
 */
import { COLLAPSIBLE_WHITESPACE, cleanInput, hasMarkup, isXmlSafe, removeNonXmlCharacters } from './escape.js';
import { DROPPED_WITH_CONTENT } from './policy.js';
import { type Fragment, type TokenHandler, tokenizeHtml } from './tokenizer.js';

/** Elements whose start and end separate words ("a<br>b", "<p>a</p><p>b</p>" → "a b"). */
const BREAKING_ELEMENTS: ReadonlySet<string> = new Set(
  `address article aside blockquote body br caption center dd details dialog dir div dl dt fieldset figcaption
  figure footer form h1 h2 h3 h4 h5 h6 head header hr html li main menu nav ol p pre section summary table
  tbody td tfoot th thead title tr ul`.split(/\s+/),
);

/** Collects the text of a fragment. */
export class TextCollector implements TokenHandler {
  private readonly parts: string[] = [];
  private skipDepth = 0;
  // The input was cleaned before tokenizing; only character references can bring back what XML cannot carry.
  private xmlSafe = true;

  text(fragment: Fragment): void {
    if (this.skipDepth > 0) return;
    this.parts.push(fragment.text);
    if (fragment.reference !== undefined && this.xmlSafe) this.xmlSafe = isXmlSafe(fragment.text);
  }

  startTag(name: string, _attributes: unknown, selfClosing: boolean): void {
    if (DROPPED_WITH_CONTENT.has(name)) {
      if (!selfClosing) this.skipDepth++;
    } else if (BREAKING_ELEMENTS.has(name)) {
      this.parts.push(' ');
    }
  }

  endTag(name: string): void {
    if (DROPPED_WITH_CONTENT.has(name)) {
      if (this.skipDepth > 0) this.skipDepth--;
    } else if (BREAKING_ELEMENTS.has(name)) {
      this.parts.push(' ');
    }
  }

  result(): string {
    const text = this.parts.join('');
    return collapsed(this.xmlSafe ? text : removeNonXmlCharacters(text));
  }
}

function collapsed(text: string): string {
  return text.replace(COLLAPSIBLE_WHITESPACE, ' ').trim();
}

/** The text of cleaned input that holds no markup (hasMarkup false): whitespace collapsed, trimmed. */
export function textOfCleaned(cleaned: string): string {
  return collapsed(cleaned);
}

/** Plain text of an HTML fragment: tags dropped, entities decoded, whitespace collapsed, trimmed. Never throws. */
export function htmlToText(html: string): string {
  if (typeof html !== 'string' || html === '') return '';
  try {
    const cleaned = cleanInput(html);
    if (!hasMarkup(cleaned)) return textOfCleaned(cleaned);
    const collector = new TextCollector();
    tokenizeHtml(cleaned, collector);
    return collector.result();
  } catch {
    return cleanInput(html).replace(/\s+/g, ' ').trim();
  }
}
