import { describe, expect, it } from 'vitest';
import type { VendorConfig } from '../../src/config/index.js';
import { compileVendorTagger } from '../../src/tag/index.js';

const vendor = (id: string, ...aliases: string[]): VendorConfig => ({
  id, name: aliases[0] ?? id, aliases: aliases.map((text) => ({ text, caseSensitive: true })),
});
const tagger = compileVendorTagger([
  vendor('vmware', 'VMware', 'vSphere'), vendor('broadcom', 'Broadcom'), vendor('microsoft', 'Microsoft'),
  vendor('google', 'Google'), vendor('red-hat', 'Red Hat', 'RHEL'), vendor('amazon', 'AWS'),
]);
const tagged = (title: string, body: string) => tagger.match({ title, text: `${title} ${body}` });
const tag = (title: string, body: string) => tagged(title, body).filter((m) => m.role === 'about').map((m) => `${m.vendorId}:${m.field}`);
const named = (title: string, body: string) => tagged(title, body).map((m) => m.vendorId);

describe('compileVendorTagger', () => {
  // [case, headline, body, about (vendor:field), every vendor named]
  const cases: [string, string, string, string[], string[]][] = [
    ['headline names the subject; a passing mention deeper in the lead is a mention only',
      'VMware patches ESXi flaw', 'VMware has fixed a bug that Microsoft says ransomware groups exploit.', ['vmware:title'], ['vmware', 'microsoft']],
    ['the vendor the lead opens with is the subject too',
      'vSphere prices rise 25%', 'Broadcom will raise vSphere Foundation prices in July.', ['vmware:title', 'broadcom:text'], ['vmware', 'broadcom']],
    ['no vendor in the headline: the lead sentence decides',
      'New region opens in Mexico', 'AWS has opened a region in Querétaro, next to Google and Microsoft. Later text names VMware.',
      ['microsoft:text', 'google:text', 'amazon:text'], ['vmware', 'microsoft', 'google', 'amazon']],
    ['vendors only in later sentences are passing mentions',
      'Kernel 6.9 released', 'Linus Torvalds has released Linux 6.9. It adds support for hardware from Microsoft and Google.', [], ['microsoft', 'google']],
    ['a roundup is about everything it lists',
      'Hosting news roundup: week of May 6', 'VMware joins the LF. Later, Google and AWS cut prices.',
      ['vmware:text', 'google:text', 'amazon:text'], ['vmware', 'google', 'amazon']],
    ['a RHEL-compatible distribution is not Red Hat news, nor a mention of it',
      'AlmaLinux 9.4 is out', 'The AlmaLinux project has shipped its RHEL-compatible release.', [], []],
    ['but RHEL itself is', 'RHEL 9.4 is out', 'Red Hat has shipped RHEL 9.4.', ['red-hat:title'], ['red-hat']],
  ];
  it.each(cases)('%s', (_name, title, body, about, mentions) => {
    expect(tag(title, body)).toEqual(about);
    expect(named(title, body)).toEqual(mentions);
  });

  it('orders mentions as the vendors are configured, and keeps the matched text', () => {
    const mentions = tagger.match({ title: 'Google and VMware team up', text: 'Google and VMware team up. Broadcom says yes.' });
    expect(mentions).toEqual([
      { vendorId: 'vmware', matched: 'VMware', field: 'title', role: 'about' },
      { vendorId: 'broadcom', matched: 'Broadcom', field: 'text', role: 'mention' },
      { vendorId: 'google', matched: 'Google', field: 'title', role: 'about' },
    ]);
  });
});
