import { WORD_CHAR } from './alias-pattern.js';

/**
 * Words next to an alias that show it does not name the vendor ("Amazon rainforest", "Oracle of Omaha").
 * Each entry is a regular-expression source, matched case-insensitively as whole words, directly before
 * (`notBefore`) or after (`notAfter`) the alias with only whitespace or hyphens in between.
 */
export interface AliasContext {
  notBefore?: readonly string[];
  notAfter?: readonly string[];
}

/** Negative contexts by alias text (compared case-insensitively). */
export type AliasContexts = Readonly<Record<string, AliasContext>>;

/**
 * The built-in negative contexts. Case rules already keep "the oracle", "a red hat", "canonical URL" and
 * "intelligence" out; these cover what case cannot: a capitalised common word at the start of a sentence
 * or in a Title Case headline, and a few fixed phrases. Kept deliberately small: each entry is a phrase
 * that never names the vendor, so it costs no recall.
 * - Amazon: the river, basin and rainforest (also "Brazilian Amazon"), and the metaphor "the Amazon of
 *   hosting". "The Amazon" as a bare place name is not caught: "in the Amazon cloud" is the company, and
 *   the difference is beyond word lists.
 * - Canonical: "Canonical URLs", "Canonical Tags", "Canonical Correlation" ... generic nouns after the
 *   word make it the adjective, in a headline or at a sentence start. Nouns that double as verbs
 *   ("form", "name", "link", "address") are left out: "SUSE and Canonical form an alliance".
 * - Dell: "Dell Rapids", the South Dakota city ("Dellwood" is already a different word).
 * - Oracle: "Oracle of Omaha/Delphi", "the Delphic oracle", blockchain "price oracles".
 * - Intel: "Threat Intel", "Military Intel" (intelligence), and the pun "Intel-ligence". Not "signals":
 *   "Broadcom Signals Intel Bid" is the company.
 * - HP: "HP Sauce". (Horsepower is not excluded: "200 HP servers" is the company.)
 * - Terraform: "terraform Mars" (the verb).
 * - RHEL / Red Hat Enterprise Linux: "RHEL-compatible", "RHEL clone", "RHEL rebuild" describe another
 *   distribution (AlmaLinux, Rocky, Oracle Linux), not news about Red Hat.
 */
export const DEFAULT_ALIAS_CONTEXTS: AliasContexts = {
  Amazon: {
    notBefore: ['Brazilian', 'Peruvian', 'Colombian', 'Ecuadorian', 'Bolivian', 'Venezuelan'],
    notAfter: [
      'rain\\s*forests?', 'forests?', 'river', 'basin', 'jungle', 'region', 'delta', 'biome', 'deforestation',
      'drought', 'warriors?', 'parrots?', 'tribes?', 'of',
    ],
  },
  Canonical: {
    // Only nouns that cannot be read as a verb after the company ("Red Hat and Canonical form an alliance").
    notAfter: [
      'URLs?', 'tags?', 'IDs?', 'correlations?', 'ensembles?', 'representations?', 'paths?', 'hostnames?', 'version',
      'ordering', 'examples?', 'mappings?', 'basis', 'transformations?', 'headers?', 'domains?', 'data', 'schemas?',
      'problems?', 'ways?',
    ],
  },
  Dell: { notAfter: ['Rapids'] },
  Oracle: {
    notBefore: ['Delphic', 'Delphi', 'blockchain', 'price', 'Chainlink', 'decentrali[sz]ed'],
    notAfter: ['of', 'at\\s+Delphi', 'bones?'],
  },
  Intel: {
    notBefore: ['threat', 'military'],
    notAfter: ['ligence', 'ligent'],
  },
  HP: { notAfter: ['sauce'] },
  Terraform: { notAfter: ['Mars', 'Venus', 'the\\s+Moon', 'planets?'] },
  RHEL: { notAfter: ['compatible', 'clones?', 'rebuilds?', 'derivatives?', 'alternatives?'] },
  'Red Hat Enterprise Linux': { notAfter: ['compatible', 'clones?', 'rebuilds?', 'derivatives?', 'alternatives?'] },
};

/** A compiled negative context: tests the text around one match. */
export interface ContextCheck {
  /** True when the words around text[start, end) make the alias generic. */
  rejects(text: string, start: number, end: number): boolean;
}

// Phrases are short: a window this wide around the match holds them, and keeps each check O(1).
const WINDOW = 64;
const GAP = String.raw`[\s\-\u2010\u2011]*`;

/** Compile one alias's negative context; undefined when it has none. */
export function compileAliasContext(context: AliasContext | undefined): ContextCheck | undefined {
  const before = context?.notBefore?.length ? new RegExp(`(?<!${WORD_CHAR})(?:${context.notBefore.join('|')})${GAP}$`, 'iu') : undefined;
  const after = context?.notAfter?.length ? new RegExp(`^${GAP}(?:${context.notAfter.join('|')})(?!${WORD_CHAR})`, 'iu') : undefined;
  if (before === undefined && after === undefined) return undefined;
  return {
    rejects: (text, start, end) =>
      (before?.test(text.slice(Math.max(0, start - WINDOW), start)) ?? false) ||
      (after?.test(text.slice(end, end + WINDOW)) ?? false),
  };
}

/** The negative context for an alias text, looked up case-insensitively. */
export function contextFor(contexts: AliasContexts, aliasText: string): AliasContext | undefined {
  const wanted = aliasText.trim().toLowerCase();
  const key = Object.keys(contexts).find((name) => name.toLowerCase() === wanted);
  return key === undefined ? undefined : contexts[key];
}
