import { describe, expect, it } from 'vitest';
import { comparePair, conflicts } from '../../src/dedup/compare.js';
import type { Comparable } from '../../src/dedup/compare.js';
import { itemFeatures } from '../../src/dedup/features.js';

function item(sourceId: string, title: string, body: string, url: string | null = null): Comparable {
  return { sourceId, canonicalUrl: url, features: itemFeatures({ title, text: `${title} ${body}` }) };
}

const release = 'Northwind Hosting, a provider of managed cloud and dedicated servers, today announced the appointment of Sanjay Patel as '
  + 'chief technology officer, effective June 1. Patel joins from a hyperscale cloud provider, where he led the infrastructure '
  + 'engineering organisation for European regions. “Sanjay has built and run some of the largest cloud regions in Europe,” said Marieke de Vries.';

describe('comparePair', () => {
  const cases: [string, Comparable, Comparable, string | undefined][] = [
    ['the same canonical URL, whatever the text', item('a', 'One thing', 'x'), item('b', 'Another thing', 'y'), undefined],
    ['one press release on two wires', item('prn', 'Northwind Hosting Appoints Sanjay Patel as CTO', release), item('bw', 'Northwind Hosting Names Sanjay Patel Chief Technology Officer', release), 'same-text'],
    ['two rewrites of one story', item('a', 'Hetzner raises cloud server prices in Germany and Finland', 'Hetzner Online will raise prices for cloud servers in Germany and Finland from June 1.'),
      item('b', 'Hetzner to increase cloud prices by up to 19%', 'The German hosting company Hetzner blames rising energy costs for price rises in Germany and Finland.'), 'same-headline'],
    ['different companies, same kind of news', item('a', 'AWS opens Mexico (Central) region', 'AWS has launched its Mexico (Central) region in Querétaro.'),
      item('b', 'Google Cloud plans second Mexico region in Monterrey', 'Google Cloud will open a region in Monterrey to complement Querétaro.'), undefined],
    ['release candidates a week apart, the later naming the earlier', item('a', 'Linux 6.10-rc2 is out with ntsync fixes', 'Linus Torvalds released Linux 6.10-rc2.'),
      item('b', 'Linux 6.10-rc3 released, a little bigger than rc2', 'Linus Torvalds released Linux 6.10-rc3, bigger than rc2.'), undefined],
    ['a roundup that lists the story\'s headline', item('a', 'Hosting news roundup: week of May 6', 'Hetzner raises cloud server prices in Germany and Finland. Other news.'),
      item('b', 'Hetzner raises cloud server prices in Germany and Finland', 'Hetzner Online will raise prices in Germany and Finland.'), undefined],
    ['the same source, another article', item('a', 'Hetzner raises cloud prices', 'Hetzner will raise prices in Germany.'), item('a', 'Hetzner raises dedicated server prices', 'Hetzner will raise prices in Finland.'), undefined],
  ];
  it.each(cases)('%s', (name, a, b, rule) => {
    const sameUrl = name.startsWith('the same canonical URL');
    const left = sameUrl ? { ...a, canonicalUrl: 'https://example.org/x' } : a;
    const right = sameUrl ? { ...b, canonicalUrl: 'https://example.org/x' } : b;
    expect(comparePair(left, right).rule).toBe(sameUrl ? 'same-url' : rule);
    expect(comparePair(right, left).rule).toBe(sameUrl ? 'same-url' : rule);
  });

  it('says why two tellings of different news conflict', () => {
    const aws = item('a', 'AWS opens Mexico (Central) region', 'AWS has launched its Mexico (Central) region in Querétaro.');
    const google = item('b', 'Google Cloud plans second Mexico region in Monterrey', 'Google Cloud will open a region in Monterrey.');
    const evidence = comparePair(aws, google).evidence;
    expect(conflicts(evidence)).toBe(true);
    expect(evidence.unmatchedNames[0]).toContain('aws');
    expect(evidence.unmatchedNames[1]).toContain('monterrey');
  });

  it('lets a source repeat its own story under a new guid only when title and text are the same', () => {
    const text = 'Proxmox Backup Server 3.2 brings automated installation and notification matchers, and we upgraded our lab server without trouble.';
    expect(comparePair(item('s', 'Proxmox Backup Server 3.2 is out', text), item('s', 'Proxmox Backup Server 3.2 is out', text)).rule).toBe('repost');
  });

  it('ranks a URL match above shared text above headline evidence', () => {
    const a = item('prn', 'Northwind Hosting Appoints Sanjay Patel as CTO', release);
    const sameText = comparePair(a, item('bw', 'Northwind names Patel CTO', release));
    const sameUrl = comparePair({ ...a, canonicalUrl: 'https://x.example/a' }, { ...a, sourceId: 'td', canonicalUrl: 'https://x.example/a' });
    expect(sameUrl.score).toBeGreaterThan(sameText.score);
  });

  it('does not take a home page, or a section page a feed links every item to, for one article', () => {
    const a = item('x', 'Hetzner raises cloud prices', 'Hetzner will raise prices in Germany.', 'https://news.example');
    const b = item('y', 'AWS opens a region in Mexico', 'AWS launched a region in Querétaro.', 'https://news.example');
    expect(comparePair(a, b).rule).toBeUndefined();
    const c = item('x', 'Hetzner raises cloud prices', 'Hetzner will raise prices in Germany.', 'https://news.example/blog');
    const d = item('x', 'AWS opens a region in Mexico', 'AWS launched a region in Querétaro.', 'https://news.example/blog');
    expect(comparePair(c, d).rule).toBeUndefined();
    expect(comparePair(c, { ...d, sourceId: 'other' }).rule).toBe('same-url');
  });
});
