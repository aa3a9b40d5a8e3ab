import { describe, expect, it } from 'vitest';
import { contentTokens, isNumeric, stem } from '../../src/dedup/tokens.js';

describe('contentTokens', () => {
  const cases: [string, string[]][] = [
    ['VMware joins the Linux Foundation', ['vmwar', 'join', 'linux', 'foundation']],
    ['VMware’s vSphere', ['vmwar', 'vspher']],
    ['Linux 6.10-rc1 is out', ['linux', '6.10', 'rc1']],
    ['4,000 racks and 28MW for $6.4bn', ['4000', 'rack', '28', '6.4']],
    ['Querétaro', ['queretaro']],
    ['the data centre and a datacenter and data-centers', ['datacenter', 'datacenter', 'datacenter']],
    ['virtualisation virtualization', ['virtualization', 'virtualization']],
    ['a b c', []],
  ];
  it.each(cases)('%s', (text, tokens) => {
    expect(contentTokens(text)).toEqual(tokens);
  });
});

describe('stem', () => {
  const families: string[][] = [
    ['join', 'joins', 'joined', 'joining'],
    ['price', 'prices', 'priced'],
    ['release', 'releases', 'released'],
    ['launch', 'launches', 'launched'],
    ['core', 'cores'],
    ['gpu', 'gpus'],
    ['update', 'updates', 'updated'],
  ];
  it.each(families)('%s and its forms share one stem', (...forms) => {
    expect(new Set(forms.map(stem)).size).toBe(1);
  });

  it('keeps numbers, short words and -ss/-us endings', () => {
    expect(['6.9', 'aws', 'process', 'campus', 'status'].map(stem)).toEqual(['6.9', 'aws', 'process', 'campus', 'status']);
  });
});

describe('isNumeric', () => {
  it('is true for tokens with digits', () => {
    expect(['6.9', 'h100', 'rc1', '2024'].every(isNumeric)).toBe(true);
    expect(['linux', 'vmwar'].some(isNumeric)).toBe(false);
  });
});
