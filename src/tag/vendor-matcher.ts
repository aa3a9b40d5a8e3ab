import type { VendorConfig } from '../config/index.js';
import type { VendorMention } from '../model/index.js';
import { DEFAULT_ALIAS_CONTEXTS, compileAliasContext, contextFor } from './alias-contexts.js';
import type { AliasContexts, ContextCheck } from './alias-contexts.js';
import { INVISIBLE_CHARS, WORD_CHAR, aliasKey, aliasPattern } from './alias-pattern.js';

/** What a vendor is looked for in: an item's plain-text title and plain text. */
export interface TagInput {
  title: string;
  text: string;
}

/** The vendor dictionary compiled for matching. */
export interface VendorMatcher {
  /**
   * The vendors an item names: one mention per vendor, from the title when the title names it, else
   * the first match in the text; in the order of the vendors in the config.
   */
  match(input: TagInput): VendorMention[];
}

/** Options for compileVendorMatcher. */
export interface VendorMatcherOptions {
  /** Negative contexts by alias text; replaces DEFAULT_ALIAS_CONTEXTS. */
  contexts?: AliasContexts;
}

interface AliasEntry {
  vendorIndex: number;
  caseSensitive: boolean;
  /** aliasKey(text, true): compared with the match for a case-sensitive alias. */
  exactKey: string;
  context: ContextCheck | undefined;
}

/**
 * Compile the vendor dictionary into one regex: every alias a whole word or phrase (see aliasPattern),
 * longest first, so at any position the longest alias wins, like a lexer's maximal munch; matching then
 * resumes after it. One left-to-right pass per field, linear in the text for a fixed dictionary.
 */
export function compileVendorMatcher(vendors: readonly VendorConfig[], options: VendorMatcherOptions = {}): VendorMatcher {
  const contexts = options.contexts ?? DEFAULT_ALIAS_CONTEXTS;
  const byKey = new Map<string, AliasEntry[]>();
  const patterns = new Map<string, number>();
  vendors.forEach((vendor, vendorIndex) => {
    for (const alias of vendor.aliases) {
      const exactKey = aliasKey(alias.text, true);
      if (exactKey === '') continue;
      const key = aliasKey(alias.text, false);
      const entry = { vendorIndex, caseSensitive: alias.caseSensitive, exactKey, context: compileAliasContext(contextFor(contexts, alias.text)) };
      byKey.set(key, [...(byKey.get(key) ?? []), entry]);
      patterns.set(aliasPattern(alias), exactKey.length);
    }
  });
  const regex = combine(patterns);

  function scan(text: string, field: VendorMention['field'], found: Map<number, VendorMention>): void {
    if (regex === undefined) return;
    regex.lastIndex = 0;
    for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
      const start = match.index;
      const end = start + match[0].length;
      const accepted = (byKey.get(aliasKey(match[0], false)) ?? []).filter(
        (entry) =>
          (!entry.caseSensitive || entry.exactKey === aliasKey(match[0], true)) && !entry.context?.rejects(text, start, end),
      );
      for (const entry of accepted) {
        const vendor = vendors[entry.vendorIndex];
        if (vendor === undefined || found.has(entry.vendorIndex)) continue;
        found.set(entry.vendorIndex, { vendorId: vendor.id, matched: match[0].replace(/\s+/gu, ' '), field, role: 'mention' });
      }
      if (found.size === vendors.length) return;
      // A rejected match may hide a shorter alias starting later inside it; an accepted one is consumed.
      regex.lastIndex = accepted.length > 0 ? end : start + ((text.codePointAt(start) ?? 0) > 0xffff ? 2 : 1);
    }
  }

  return {
    match({ title, text }: TagInput): VendorMention[] {
      const found = new Map<number, VendorMention>();
      scan(title.replace(INVISIBLE_CHARS, ''), 'title', found);
      scan(text.replace(INVISIBLE_CHARS, ''), 'text', found);
      return [...found.entries()].sort(([a], [b]) => a - b).map(([, mention]) => mention);
    },
  };
}

/**
 * One global regex of every alias pattern, longest alias first. Aliases that begin with a word character
 * share one left-boundary check instead of repeating it per alternative, which keeps the scan cheap.
 */
function combine(patterns: Map<string, number>): RegExp | undefined {
  const ordered = [...patterns.entries()].sort(([, a], [, b]) => b - a).map(([pattern]) => pattern);
  if (ordered.length === 0) return undefined;
  const boundary = `(?<!${WORD_CHAR})`;
  const bounded = ordered.filter((pattern) => pattern.startsWith(boundary)).map((pattern) => pattern.slice(boundary.length));
  const others = ordered.filter((pattern) => !pattern.startsWith(boundary));
  const alternatives = [...(bounded.length > 0 ? [`${boundary}(?:${bounded.join('|')})`] : []), ...others];
  return new RegExp(alternatives.join('|'), 'gu');
}
