import { describe, expect, it } from 'vitest';
import { compileVendorMatcher } from '../../src/tag/index.js';
import { vendor } from './vendors.js';

const DICTIONARY = [
  vendor('vmware', 'VMware', 'vSphere', 'ESXi'),
  vendor('microsoft', 'Microsoft', 'Hyper-V', 'Windows Server'),
  vendor('red-hat', 'Red Hat', 'RHEL'),
  vendor('amd', 'AMD', { text: 'EPYC', caseSensitive: false }),
  vendor('arm', 'Arm', 'ARM'),
  vendor('hpe', 'HPE', 'HP', 'Hewlett-Packard'),
  vendor('dell', 'Dell'),
  vendor('cisco', 'Cisco'),
  vendor('intel', 'Intel'),
  vendor('alibaba-cloud', 'Alibaba Cloud', '阿里云'),
  vendor('oreilly', { text: "O'Reilly", caseSensitive: true }),
  vendor('cpp', { text: 'C++', caseSensitive: true }, { text: '.NET', caseSensitive: true }),
  vendor('amazon', 'EC2'),
];
const matcher = compileVendorMatcher(DICTIONARY, { contexts: {} });
const tagged = (text: string): string[] => matcher.match({ title: '', text }).map((mention) => mention.vendorId);

describe('whole words and phrases', () => {
  it.each([
    // [text, expected vendor ids]
    ['AMD launches new EPYC parts', ['amd']],
    ["AMD's results beat estimates", ['amd']],
    ['AMD’s results beat estimates (curly apostrophe)', ['amd']],
    ['AMD-based instances arrive', ['amd']],
    ['new AMD64 builds for Debian', []],
    ['amd64 and arm64 images', []],
    ['ARM64 and AMD64 images', []],
    ['the Arm Neoverse roadmap', ['arm']],
    ['ARM-based servers and Arm’s licensing', ['arm']],
    ['a robotic arm in the warehouse', []],
    ['an Intel® Xeon® processor', ['intel']],
    ['«Intel» and “Dell”', ['dell', 'intel']],
    ['Intel/AMD/Arm comparison', ['amd', 'arm', 'intel']],
    ['#VMware and @Cisco', ['vmware', 'cisco']],
    ['vmware.com changes its download portal', ['vmware']],
    ['the intelligence community', []],
    ['HPC clusters and HPE servers', ['hpe']],
    ['San Francisco startups', []],
    ['Dellwood Avenue and Dell-EMC', ['dell']],
    ['cisco’s router, CISCO, ciscoes', ['cisco']],
    ['Intel_SGX and __AMD__ macros', []],
  ])('%s', (text, expected) => {
    expect(tagged(text)).toEqual(expected);
  });
});

describe('numbers glued to an alias', () => {
  it.each([
    ['vSphere8 and ESXi8 hosts', ['vmware']],
    ['RHEL9-compatible rebuilds', ['red-hat']],
    ['EPYC9654 in stock', ['amd']],
    ['Intel8086 turns 47', ['intel']],
    ['5Intel and 2Dell', []],
    ['AMD64, Intel64 and Arm64 builds', []],
    ['AMD32 and ARM32', []],
    ['Intel5x', ['intel']],
    ['EC21 and EC2x', []],
    ['EC2-based', ['amazon']],
  ])('%s', (text, expected) => {
    expect(tagged(text)).toEqual(expected);
  });

  it('reports the alias without the number', () => {
    expect(matcher.match({ title: 'vSphere8', text: '' })).toEqual([{ vendorId: 'vmware', matched: 'vSphere', field: 'title', role: 'mention' }]);
  });
});

describe('Unicode around aliases', () => {
  it.each([
    ['Intelは新しいXeonを発表', ['intel']],
    ['AMD의 새 프로세서', ['amd']],
    ['阿里云发布新服务器', ['alibaba-cloud']],
    ['Dellé is not Dell', ['dell']],
    ['Delléwood', []],
    ['Ciscó', []],
    ['Intel\u0301', []],
    ['ÉIntel', []],
    ['Δell Intelα', []],
    ['Broad\u00adcom-free: VM\u00adware', ['vmware']],
    ['In\u200btel zero-width split', ['intel']],
  ])('%s', (text, expected) => {
    expect(tagged(text)).toEqual(expected);
  });
});

describe('separators inside multi-word aliases', () => {
  it.each([
    ['Red Hat', 'Red Hat'],
    ['Red  Hat', 'Red Hat'],
    ['Red\nHat', 'Red Hat'],
    ['Red\u00a0Hat', 'Red Hat'],
    ['Red-Hat', 'Red-Hat'],
    ["Red Hat's", 'Red Hat'],
    ['Hyper-V', 'Hyper-V'],
    ['Hyper\u2011V', 'Hyper\u2011V'],
    ['Hyper V', 'Hyper V'],
    ['hyper-v', 'hyper-v'],
    ['Hewlett Packard', 'Hewlett Packard'],
    ['Windows\tServer 2025', 'Windows Server'],
  ])('%j matches as %j', (text, matched) => {
    expect(matcher.match({ title: '', text }).map((mention) => mention.matched)).toEqual([matched]);
  });

  it.each([['RedHat'], ['HyperV'], ['Red. Hat'], ['Red, Hat'], ['Red/Hat'], ['Windows_Server']])('%j does not match', (text) => {
    expect(tagged(text)).toEqual([]);
  });
});

describe('case rules per alias', () => {
  it.each([
    ['vmware, VMWARE and VmWare', ['vmware']],
    ['epyc and Epyc', ['amd']],
    ['a red hat and the rhel package', []],
    ['Red Hat', ['red-hat']],
    ['RED HAT', []],
    ['Windows server', []],
    ['Amd and amd', []],
    ['hp and Hp', []],
    ['dell and DELL', []],
    ["o'reilly", []],
    ["O’Reilly media", ['oreilly']],
  ])('%s', (text, expected) => {
    expect(tagged(text)).toEqual(expected);
  });
});

describe('aliases with punctuation of their own', () => {
  it.each([
    ['written in C++ and .NET', ['cpp']],
    ['C++20 features', ['cpp']],
    ['ASP.NET Core', ['cpp']],
    ['C+ grade', []],
    ['the NET result', []],
    ['cnet.com', []],
  ])('%s', (text, expected) => {
    expect(tagged(text)).toEqual(expected);
  });
});

describe('mentions', () => {
  it('gives one mention per vendor, from the title when the title names it', () => {
    const mentions = matcher.match({
      title: 'Broadcom cuts vSphere partner program',
      text: 'VMware partners say the new VMware rules hurt; vSphere customers weigh Hyper-V and Microsoft Azure.',
    });
    expect(mentions).toEqual([
      { vendorId: 'vmware', matched: 'vSphere', field: 'title', role: 'mention' },
      { vendorId: 'microsoft', matched: 'Hyper-V', field: 'text', role: 'mention' },
    ]);
  });

  it('orders mentions by the vendors in the dictionary, not by position', () => {
    const mentions = matcher.match({ title: 'Cisco, Dell, Intel and VMware', text: '' });
    expect(mentions.map((mention) => mention.vendorId)).toEqual(['vmware', 'dell', 'cisco', 'intel']);
  });

  it('reports the first match in the text, whitespace collapsed', () => {
    const mentions = matcher.match({ title: 'Nothing here', text: 'Later, Red\n\nHat and RHEL; then Red Hat again.' });
    expect(mentions).toEqual([{ vendorId: 'red-hat', matched: 'Red Hat', field: 'text', role: 'mention' }]);
  });

  it('prefers the longest alias at one position', () => {
    const longest = compileVendorMatcher([vendor('oracle', 'Oracle'), vendor('oracle-linux', 'Oracle Linux')], { contexts: {} });
    expect(longest.match({ title: 'Oracle Linux 10 is out', text: '' })).toEqual([
      { vendorId: 'oracle-linux', matched: 'Oracle Linux', field: 'title', role: 'mention' },
    ]);
    expect(longest.match({ title: 'Oracle Linux 10 is out, says Oracle', text: '' }).map((mention) => mention.vendorId)).toEqual([
      'oracle',
      'oracle-linux',
    ]);
  });

  it('tags every vendor that shares an alias', () => {
    const shared = compileVendorMatcher([vendor('a', 'Acme'), vendor('b', 'Acme', 'Beta')], { contexts: {} });
    expect(shared.match({ title: 'Acme news', text: '' }).map((mention) => mention.vendorId)).toEqual(['a', 'b']);
  });

  it('keeps case rules apart for the same words in two vendors', () => {
    const split = compileVendorMatcher(
      [vendor('sensitive', { text: 'Blue Box', caseSensitive: true }), vendor('insensitive', { text: 'blue box', caseSensitive: false })],
      { contexts: {} },
    );
    expect(split.match({ title: 'a blue box', text: '' }).map((mention) => mention.vendorId)).toEqual(['insensitive']);
    expect(split.match({ title: 'Blue Box', text: '' }).map((mention) => mention.vendorId)).toEqual(['sensitive', 'insensitive']);
  });

  it('returns nothing for an empty dictionary, empty input or blank aliases', () => {
    expect(compileVendorMatcher([]).match({ title: 'VMware', text: 'VMware' })).toEqual([]);
    expect(matcher.match({ title: '', text: '' })).toEqual([]);
    expect(compileVendorMatcher([vendor('blank', { text: '  ', caseSensitive: false })]).match({ title: 'a  b', text: '' })).toEqual([]);
  });

  it('gives the same answer on every call (no state left in the regex)', () => {
    const input = { title: 'Intel and AMD', text: 'Intel and AMD and Dell' };
    const first = matcher.match(input);
    expect(matcher.match({ title: 'x', text: 'Dell' })).toEqual([{ vendorId: 'dell', matched: 'Dell', field: 'text', role: 'mention' }]);
    expect(matcher.match(input)).toEqual(first);
  });

  it('stays linear on long, match-heavy text', () => {
    const unit = 'Red  Hat-ish Red Redder Intelligence Amazon rainforest Dellwood AMD64 ';
    const text = unit.repeat(Math.ceil(200_000 / unit.length));
    const started = performance.now();
    const mentions = matcher.match({ title: '', text });
    expect(mentions.map((mention) => mention.vendorId)).toEqual(['red-hat']);
    // Generous bound for a shared 2-core machine; a backtracking blow-up would take seconds or more.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
