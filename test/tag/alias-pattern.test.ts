import { describe, expect, it } from 'vitest';
import { aliasKey, aliasPattern, isWordChar } from '../../src/tag/index.js';

describe('aliasKey', () => {
  it.each([
    ['Red Hat', true, 'Red Hat'],
    ['  Red \n\t Hat ', true, 'Red Hat'],
    ['Hyper-V', true, 'Hyper V'],
    ['Hyper\u2011V', false, 'hyper v'],
    ['O’Reilly', true, "O'Reilly"],
    ['VMware', false, 'vmware'],
    ['-x-', true, 'x'],
  ])('%j (case-sensitive %s) -> %j', (text, caseSensitive, key) => {
    expect(aliasKey(text, caseSensitive)).toBe(key);
  });
});

describe('isWordChar', () => {
  it.each([
    ['a', true], ['Z', true], ['é', true], ['Ω', true], ['ж', true], ['7', true], ['٣', true], ['_', true], ['\u0301', true],
    [' ', false], ['-', false], ["'", false], ['’', false], ['.', false], ['®', false], ['™', false],
    ['日', false], ['は', false], ['カ', false], ['의', false], ['ไ', false],
  ])('%j -> %s', (char, expected) => {
    expect(isWordChar(char)).toBe(expected);
  });
});

describe('aliasPattern', () => {
  const test = (alias: string, caseSensitive: boolean, text: string): boolean =>
    new RegExp(aliasPattern({ text: alias, caseSensitive }), 'u').test(text);

  it('spells case-insensitive letters as classes and keeps case-sensitive ones literal', () => {
    expect(aliasPattern({ text: 'Ab', caseSensitive: false })).toContain('[Aa][bB]');
    expect(aliasPattern({ text: 'Ab', caseSensitive: true })).toContain('Ab');
    expect(test('Ab', false, 'AB')).toBe(true);
    expect(test('Ab', true, 'AB')).toBe(false);
  });

  it('escapes regex syntax in aliases', () => {
    expect(test('Node.js', true, 'Nodexjs')).toBe(false);
    expect(test('Node.js', true, 'Node.js')).toBe(true);
    expect(test('a(b)|c', true, 'a(b)|c')).toBe(true);
    expect(test('a(b)|c', true, 'c')).toBe(false);
  });

  it('puts a boundary only at ends that are word characters', () => {
    expect(aliasPattern({ text: 'C++', caseSensitive: true }).startsWith('(?<!')).toBe(true);
    expect(aliasPattern({ text: 'C++', caseSensitive: true }).endsWith(')')).toBe(false);
    expect(aliasPattern({ text: '.NET', caseSensitive: true }).startsWith('(?<!')).toBe(false);
  });

  it('is empty for a blank alias', () => {
    expect(aliasPattern({ text: ' - ', caseSensitive: true })).toBe('');
  });
});
