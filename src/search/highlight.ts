import { stemmer } from 'stemmer';
import type { MarkedText } from '../model/index.js';

/** A highlighted stretch of text (see MarkedText). */
export type Marked = MarkedText;

const WORD = /[\p{L}\p{N}]+/gu;

/** A word's comparable form: lower case, without diacritics, Porter-stemmed (as SQLite's porter tokenizer does). */
function stemOf(word: string): string {
  return stemmer(word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase());
}

/** Marks the words of a text that a search for `words` matched: same stem, whatever the case or accents. */
export class Highlighter {
  private readonly stems: Set<string>;

  constructor(words: readonly string[]) {
    this.stems = new Set(words.map(stemOf));
  }

  /** Every matched word of `text`. */
  mark(text: string): Marked {
    const marks: [number, number][] = [];
    for (const match of text.matchAll(WORD)) {
      if (this.stems.has(stemOf(match[0]))) marks.push([match.index, match.index + match[0].length]);
    }
    return { text, marks };
  }

  /**
   * A stretch of at most about `maxChars` characters of `text` around its densest run of matches (the start
   * when nothing matched), cut at word boundaries, with `…` where it was cut, and its matches marked.
   */
  snippet(text: string, maxChars = 240): Marked {
    const flat = text.replace(/\s+/g, ' ').trim();
    if (flat.length <= maxChars) return this.mark(flat);
    const { marks } = this.mark(flat);
    let best = 0;
    let bestCount = 0;
    for (let i = 0; i < marks.length; i++) {
      const start = marks[i]?.[0] ?? 0;
      let count = 0;
      for (let j = i; j < marks.length && (marks[j]?.[1] ?? 0) - start <= maxChars; j++) count++;
      if (count > bestCount) {
        bestCount = count;
        best = start;
      }
    }
    // Some words of context before the first match.
    let from = Math.max(0, best - Math.floor(maxChars / 4));
    if (from > 0) from = flat.indexOf(' ', from) + 1 || from;
    let to = Math.min(flat.length, from + maxChars);
    if (to < flat.length) to = flat.lastIndexOf(' ', to) > from ? flat.lastIndexOf(' ', to) : to;
    const body = flat.slice(from, to);
    const prefix = from > 0 ? '… ' : '';
    const marked = this.mark(body);
    return {
      text: `${prefix}${body}${to < flat.length ? ' …' : ''}`,
      marks: marked.marks.map(([s, e]) => [s + prefix.length, e + prefix.length]),
    };
  }
}
