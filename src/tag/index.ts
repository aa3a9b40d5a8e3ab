/**
 * Vendor tagging: which vendors of the config's dictionary an item names. Decisions:
 * - Whole words and phrases. Letters, digits, combining marks and "_" continue a word, so "intelligence",
 *   "HPC", "San Francisco", "Dellwood" and "Intel_SGX" do not match; punctuation ends one, so "AMD's",
 *   "AMD-based", "Intel®", "#VMware" do. Letters of scripts without spaces (Han, kana, Hangul, Thai) do not
 *   continue a Latin name ("Intelは").
 * - A number glued to an alias that ends in a letter is a version or model ("Graviton4", "RHEL9") and
 *   matches, except 32 and 64: "AMD64", "ARM64" are architecture names, not news about the vendor.
 * - A space or hyphen inside an alias matches any run of whitespace and hyphens ("Red  Hat", "Red\nHat",
 *   "Hyper‑V" with a non-breaking hyphen, "Hewlett Packard"); an apostrophe matches ' ’ ʼ. Soft hyphens and
 *   zero-width spaces inside words are ignored.
 * - Case rules are the config loader's (src/config/alias-case.ts): "the oracle", "a red hat", "canonical
 *   URL" never match case-sensitive aliases. A capitalised common word at a sentence start or in a Title
 *   Case headline is left to DEFAULT_ALIAS_CONTEXTS ("Canonical URLs Explained", "The Oracle of Omaha").
 *   Distrusting every Title Case headline was considered and rejected: "Oracle Buys Cerner" with a summary
 *   that says only "the company" would lose its tag, and for the big vendors that costs more than it saves.
 * - One mention per vendor: the title's first match, else the text's; ordered as the vendors in the config.
 *   At one position the longest alias wins. The matcher sees names, not salience: a vendor named only in
 *   passing is found. `compileVendorTagger` (what ingest and retag use) keeps only the vendors an item is
 *   about — named in the headline or the lead, or listed by a roundup (see salient-tagger.ts).
 */
export { compileVendorMatcher } from './vendor-matcher.js';
export { compileVendorTagger } from './salient-tagger.js';
export type { TagInput, VendorMatcher, VendorMatcherOptions } from './vendor-matcher.js';
export { DEFAULT_ALIAS_CONTEXTS, compileAliasContext, contextFor } from './alias-contexts.js';
export type { AliasContext, AliasContexts, ContextCheck } from './alias-contexts.js';
export { WORD_CHAR, SEPARATOR, INVISIBLE_CHARS, aliasKey, aliasPattern, isWordChar } from './alias-pattern.js';
