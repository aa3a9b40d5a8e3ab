import { describe, expect, it } from 'vitest';
import { DEFAULT_ALIAS_CONTEXTS, compileAliasContext, compileVendorMatcher, contextFor } from '../../src/tag/index.js';
import { vendor } from './vendors.js';

describe('compileAliasContext', () => {
  const check = compileAliasContext({ notBefore: ['Brazilian'], notAfter: ['rain\\s*forests?', 'river'] });
  const rejects = (text: string, alias: string): boolean | undefined => {
    const start = text.indexOf(alias);
    return check?.rejects(text, start, start + alias.length);
  };

  it.each([
    ['the Amazon rainforest', true],
    ['the Amazon rain forests', true],
    ['the Amazon-River', true],
    ['the Amazon\nriver', true],
    ['the Brazilian Amazon', true],
    ['the Brazilian-Amazon', true],
    ['the Amazon riverside office', false],
    ['a non-Brazilian Amazon', true],
    ['the Amazon, river of', false],
    ['Amazon rivers', false],
    ['xBrazilian Amazon', false],
    ['Amazon', false],
    ['Amazon riverine', false],
  ])('%j -> %s', (text, expected) => {
    expect(rejects(text, 'Amazon')).toBe(expected);
  });

  it('is undefined when there is nothing to check', () => {
    expect(compileAliasContext(undefined)).toBeUndefined();
    expect(compileAliasContext({ notBefore: [], notAfter: [] })).toBeUndefined();
  });

  it('only looks at words next to the match', () => {
    const text = `Amazon ${'x'.repeat(100)} river`;
    expect(check?.rejects(text, 0, 6)).toBe(false);
  });
});

describe('contextFor', () => {
  it('finds an alias case-insensitively', () => {
    expect(contextFor(DEFAULT_ALIAS_CONTEXTS, 'amazon')).toBe(DEFAULT_ALIAS_CONTEXTS['Amazon']);
    expect(contextFor(DEFAULT_ALIAS_CONTEXTS, ' Canonical ')).toBe(DEFAULT_ALIAS_CONTEXTS['Canonical']);
    expect(contextFor(DEFAULT_ALIAS_CONTEXTS, 'Amazon Web Services')).toBeUndefined();
  });
});

describe('contexts in the matcher', () => {
  const vendors = [vendor('amazon', 'Amazon', 'Amazon Web Services'), vendor('acme', 'Acme')];

  it('uses the built-in contexts by default', () => {
    const matcher = compileVendorMatcher(vendors);
    expect(matcher.match({ title: 'Amazon rainforest heat', text: '' })).toEqual([]);
    expect(matcher.match({ title: 'Amazon rainforest heat', text: 'Amazon opens a region' })).toEqual([
      { vendorId: 'amazon', matched: 'Amazon', field: 'text', role: 'mention' },
    ]);
  });

  it('applies a context to its own alias only, not to a longer alias that contains it', () => {
    const matcher = compileVendorMatcher(vendors);
    expect(matcher.match({ title: 'Amazon Web Services river data', text: '' }).map((mention) => mention.vendorId)).toEqual(['amazon']);
  });

  it('lets the caller replace the contexts', () => {
    const none = compileVendorMatcher(vendors, { contexts: {} });
    expect(none.match({ title: 'Amazon rainforest', text: '' }).map((mention) => mention.vendorId)).toEqual(['amazon']);
    const custom = compileVendorMatcher(vendors, { contexts: { acme: { notAfter: ['anvils?'] } } });
    expect(custom.match({ title: 'Acme anvils and Amazon rainforest', text: '' }).map((mention) => mention.vendorId)).toEqual(['amazon']);
    expect(custom.match({ title: 'Acme ships', text: '' }).map((mention) => mention.vendorId)).toEqual(['acme']);
  });

  it('keeps looking after a rejected match', () => {
    const matcher = compileVendorMatcher(vendors);
    expect(matcher.match({ title: '', text: 'Amazon river, then Amazon again' })).toEqual([
      { vendorId: 'amazon', matched: 'Amazon', field: 'text', role: 'mention' },
    ]);
  });
});
