/** Longest query accepted, in characters. */
export const MAX_QUERY_LENGTH = 200;
/** Most words and phrases one query may hold. */
export const MAX_QUERY_TERMS = 16;

/** A query as the database runs it: phrases that must all occur, and the words in them (for highlighting). */
export interface SearchTerms {
  /** Each searched as a phrase (a bare word is a phrase of one word); never empty, never holding a quote. */
  phrases: string[];
  /** Every word of every phrase, lower-cased, in order of first appearance. */
  words: string[];
}

/** A parsed query, or the one-line reason it cannot be run. */
export type ParsedQuery = ({ ok: true } & SearchTerms) | { ok: false; message: string };

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Read what a person typed: words, and "quoted phrases". Nothing else has a meaning — AND, OR, NOT, NEAR, `*`,
 * `^`, `:`, parentheses and minus signs are text like any other (the databases' tokenizers drop punctuation),
 * so no query can reach the full-text engines' own syntax. Refused, each with a message saying why: an empty
 * query, one over MAX_QUERY_LENGTH characters, an unbalanced quote, more than MAX_QUERY_TERMS terms, and one
 * with no letter or digit in it.
 */
export function parseQuery(raw: string): ParsedQuery {
  const text = raw.replace(/[\x00-\x1f\x7f]+/g, ' ').trim();
  if (text === '') return { ok: false, message: 'Type one or more words to search for.' };
  if (text.length > MAX_QUERY_LENGTH) {
    return { ok: false, message: `The query is too long (${text.length} characters; at most ${MAX_QUERY_LENGTH}).` };
  }
  const quotes = (text.match(/"/g) ?? []).length;
  if (quotes % 2 === 1) return { ok: false, message: 'The query has an unbalanced quote ("): close the phrase or remove the quote.' };
  const terms: string[] = [];
  text.split('"').forEach((part, i) => {
    // Odd parts were inside quotes: one phrase each; even parts are bare words.
    const pieces = i % 2 === 1 ? [part.trim()] : part.split(/\s+/);
    for (const piece of pieces) if (/[\p{L}\p{N}]/u.test(piece)) terms.push(piece.replace(/\s+/g, ' '));
  });
  if (terms.length === 0) return { ok: false, message: 'Nothing to search for: the query needs letters or digits.' };
  if (terms.length > MAX_QUERY_TERMS) return { ok: false, message: `The query has too many words (${terms.length}; at most ${MAX_QUERY_TERMS}).` };
  const words = [...new Set(terms.flatMap((term) => term.toLowerCase().match(WORD) ?? []))];
  return { ok: true, phrases: [...new Set(terms)], words };
}
