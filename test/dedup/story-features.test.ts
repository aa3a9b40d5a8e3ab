import { describe, expect, it } from 'vitest';
import { decodeFeatures, encodeFeatures, encodedFeaturesOf, genreOf, judgePair, measurePair, PAIR_FEATURES, storyFeatures } from '../../src/dedup/index.js';
import type { ScoredItem } from '../../src/dedup/index.js';
import { extractFigures } from '../../src/dedup/figures.js';
import { documentFrequency, PER_SIDE, rarity } from '../../src/dedup/term-weights.js';

describe('extractFigures', () => {
  const cases: [string, string[], string[], string[]][] = [
    ['CoreWeave prices IPO at $40, raising $1.5bn', ['money:40', 'money:1500000000'], [], []],
    ['raises US$1,500 million at a $23 billion valuation', ['money:1500000000', 'money:23000000000'], [], []],
    ['revenue up 20% to €6.4bn; 20 per cent', ['pct:20', 'money:6400000000'], [], []],
    ['a 28MW site with 250,000 GPUs in 2025, 1.3GW contracted, 40 staff', ['qty:250000', 'qty:1.3'], [], []],
    ['sold 37.5m shares (37,500,000)', ['qty:37500000'], [], []],
    ['Linux 6.10-rc3 released; vSphere 8.0 Update 3 and 8.0u3', [], ['6.10rc3', '8.0u3'], []],
    ['CVE-2024-37085 and cve-2024-22252 fixed in 3 builds', [], [], ['CVE-2024-37085', 'CVE-2024-22252']],
  ];
  it.each(cases)('%s', (text, amounts, versions, cves) => {
    expect(extractFigures(text)).toEqual({ amounts, versions, cves });
  });
});

describe('story features', () => {
  const item = { title: 'Acme Cloud opens Frankfurt region for $2.4bn', text: 'Acme Cloud opens Frankfurt region for $2.4bn Acme Cloud has opened a region in Frankfurt, Germany, backed by $2.4bn.', about: ['acme'] };

  it('round-trips through the stored form, weights to 1/16', () => {
    const features = storyFeatures(item);
    const weights = Float64Array.from(features.keys, (_, i) => (i % 4) + 0.5);
    const decoded = decodeFeatures(encodeFeatures({ features, weights }));
    expect(decoded?.features).toEqual(features);
    expect([...(decoded?.weights ?? [])]).toEqual([...weights]);
  });

  it('refuses a stored value of another version or a damaged one', () => {
    const bytes = encodedFeaturesOf(storyFeatures(item));
    expect(decodeFeatures(bytes.slice(0, bytes.length - 1))).toBeUndefined();
    expect(decodeFeatures(Uint8Array.from([9, ...bytes.subarray(1)]))).toBeUndefined();
  });

  it('reads the genre from the headline', () => {
    expect(genreOf('Interview: Nvidia\u2019s architect on 140kW racks')).toBe('interview');
    expect(genreOf('Hands-on with Ubuntu 24.04.2')).toBe('review');
    expect(genreOf('Opinion: the cloud is too expensive')).toBe('opinion');
    expect(genreOf('Why VMware is joining the Linux Foundation')).toBe('news');
  });
});

describe('pair measures', () => {
  const scored = (itemId: number, title: string, body: string, extra: Partial<ScoredItem> = {}): ScoredItem & { itemId: number } => {
    const stored = decodeFeatures(encodedFeaturesOf(storyFeatures({ title, text: `${title} ${body}` })));
    if (stored === undefined) throw new Error('no features');
    stored.weights.fill(2);
    return { itemId, sourceId: `s${itemId}`, canonicalUrl: null, fragment: null, atMs: 0, stored, ...extra };
  };
  const a = scored(1, 'CoreWeave prices IPO at $40, raising $1.5bn', 'The GPU cloud sold 37.5m shares on Nasdaq.');
  const b = scored(2, 'GPU landlord goes public: $1.5bn raised', 'CoreWeave sold 37,500,000 shares at $40 each on Nasdaq on Friday.');

  it('are symmetric: the same numbers whichever item comes first', () => {
    const ab = measurePair(a, b).features;
    const ba = measurePair(b, a).features;
    for (const name of PAIR_FEATURES) expect(ab[name], name).toBeCloseTo(ba[name], 12);
    expect(ab.sharedAmounts).toBeGreaterThan(0.5);
  });

  it('veto one page\'s items told apart by fragment, a template filled in twice, two CVEs, another version', () => {
    const page = (id: number, fragment: string) => scored(id, `Widgetctl ${id} notes`, 'Changes.', { canonicalUrl: 'https://tool.example/changelog', fragment, sourceId: 'tool' });
    expect(judgePair(page(1, 'v1'), page(2, 'v2')).rule).toBe('veto:fragment');
    expect(judgePair(scored(3, 'AWS opens region in Mexico', 'Querétaro gets a region.'), scored(4, 'AWS opens region in Taiwan', 'Taipei gets a region.')).rule).toBe('veto:template');
    expect(judgePair(scored(5, 'ESXi flaw CVE-2024-37085 exploited', 'Patch.'), scored(6, 'ESXi flaw CVE-2024-22252 exploited', 'Patch.')).rule).toBe('veto:cve');
    expect(judgePair(scored(7, 'Linux 6.10-rc3 released', 'Bigger than rc2.'), scored(8, 'Linux 6.10-rc2 released', 'Torvalds ships 6.10-rc2.')).rule).toBe('veto:version');
  });

  it('take one article linked across outlets as definite, a landing page within one feed not', () => {
    const url = 'https://vendor.example/news/launch';
    expect(judgePair(scored(1, 'Vendor launches X', 'Body one.', { canonicalUrl: url }), scored(2, 'Something else entirely', 'Body two.', { canonicalUrl: url })).rule).toBe('same-url');
    expect(judgePair(scored(3, 'Vendor launches X', 'The vendor ships its new server line.', { canonicalUrl: url, sourceId: 'td' }),
      scored(4, 'Kernel 6.9 is out', 'Torvalds released the kernel with deduplication support.', { canonicalUrl: url, sourceId: 'td' })).rule).toBe('score');
  });
});

describe('key rarity', () => {
  it('counts a sparse key exactly and a dense one by the time its nearest neighbours span', () => {
    expect(documentFrequency([1, 2], [3], 0, 7 * 86_400_000)).toBe(3);
    const hour = 3_600_000;
    const dense = Array.from({ length: PER_SIDE }, (_, i) => -(i + 1) * hour);
    expect(documentFrequency(dense, [], 0, 7 * 24 * hour)).toBeCloseTo((PER_SIDE * 7 * 24) / PER_SIDE, 6);
  });

  it('is highest for a new term and nothing for a common one', () => {
    expect(rarity(0)).toBeCloseTo(Math.log(40), 9);
    expect(rarity(30)).toBe(0);
  });
});
