import { describe, expect, it } from 'vitest';
import { aliasCaseSensitive, defaultCaseSensitive, parseConfig } from '../../src/config/index.js';

describe('defaultCaseSensitive', () => {
  it.each([
    // distinctive words: case-insensitive
    ['VMware', false],
    ['vSphere', false],
    ['ESXi', false],
    ['Hyper-V', false],
    ['Nutanix', false],
    ['OpenShift', false],
    ['openSUSE', false],
    ['Linux Foundation', false],
    ['Hewlett Packard Enterprise', false],
    // at most three letters
    ['HP', true],
    ['AMD', true],
    ['IBM', true],
    ['AWS', true],
    ['EC2', true],
    ['K8s', true],
    // all capitals
    ['SUSE', true],
    ['EPYC', true],
    ['RHEL', true],
    ['NVIDIA', true],
    // made only of common words
    ['Oracle', true],
    ['Dell', true],
    ['Intel', true],
    ['Canonical', true],
    ['Azure', true],
    ['Red Hat', true],
    ['Windows Server', true],
    ['Google Cloud', true],
    ['Digital Ocean', true],
    ['Pure Storage', true],
  ])('%s → case-sensitive: %s', (alias, expected) => {
    expect(defaultCaseSensitive(alias)).toBe(expected);
  });
});

describe('aliasCaseSensitive', () => {
  it('prefers the alias setting, then the vendor setting, then the default rule', () => {
    expect(aliasCaseSensitive('Oracle')).toBe(true);
    expect(aliasCaseSensitive('Oracle', undefined, false)).toBe(false);
    expect(aliasCaseSensitive('Oracle', true, false)).toBe(true);
    expect(aliasCaseSensitive('VMware', undefined, true)).toBe(true);
    expect(aliasCaseSensitive('VMware', false, true)).toBe(false);
  });
});

describe('vendor aliases in a parsed config', () => {
  const config = parseConfig(
    JSON.stringify({
      vendors: [
        { id: 'amd', name: 'AMD', aliases: ['AMD', { text: 'EPYC', caseSensitive: false }, { text: 'Ryzen' }] },
        { id: 'suse', name: 'SUSE', caseSensitive: false, aliases: ['SUSE', 'SLES', { text: 'Rancher', caseSensitive: true }] },
        { id: 'oracle', name: 'Oracle' },
      ],
    }),
    'test.json',
  );
  const aliases = (id: string) => config.vendors.find((vendor) => vendor.id === id)?.aliases;

  it('applies the default rule to plain strings and objects without a setting', () => {
    expect(aliases('amd')).toEqual([
      { text: 'AMD', caseSensitive: true },
      { text: 'EPYC', caseSensitive: false },
      { text: 'Ryzen', caseSensitive: false },
    ]);
  });

  it('lets the vendor setting override the default, and the alias setting override both', () => {
    expect(aliases('suse')).toEqual([
      { text: 'SUSE', caseSensitive: false },
      { text: 'SLES', caseSensitive: false },
      { text: 'Rancher', caseSensitive: true },
    ]);
  });

  it('uses the name as the only alias when none are given', () => {
    expect(aliases('oracle')).toEqual([{ text: 'Oracle', caseSensitive: true }]);
  });
});
