import { describe, expect, it } from 'vitest';
import { itemFeatures } from '../../src/dedup/features.js';
import {
  bandKeys, BODY_BANDS, describeBandKey, estimatedSimilarity, formatSignature, NAME_BANDS, parseSignature, signatureOf,
} from '../../src/dedup/signature.js';

const release = {
  title: 'Northwind Hosting opens Frankfurt data center',
  text: 'Northwind Hosting opens Frankfurt data center Northwind Hosting, a provider of managed cloud and dedicated servers in Amsterdam and London, '
    + 'today opened a 12-megawatt facility in the Ostend district of Frankfurt with room for 4,000 racks and direct access to DE-CIX.',
};
const other = {
  title: 'Linux 6.9 released with Intel FRED',
  text: 'Linux 6.9 released with Intel FRED Linus Torvalds has released Linux 6.9 with support for Flexible Return and Event Delivery and the dm-vdo target.',
};
const sig = (item: { title: string; text: string }) => signatureOf(itemFeatures(item));

describe('signature', () => {
  it('is deterministic and survives its stored form', () => {
    const a = sig(release);
    expect(formatSignature(sig(release))).toBe(formatSignature(a));
    const parsed = parseSignature(formatSignature(a));
    expect(parsed).toEqual(a);
    expect(formatSignature(a)).toMatch(/^mh1:\d+:\d+:[A-Za-z0-9_-]+$/);
  });

  it('refuses damaged or foreign fingerprints', () => {
    for (const bad of [null, undefined, '', 'f00d', 'mh0:1:1:AAAA', 'mh1:x:1:AAAA', `mh1:1:1:${'A'.repeat(10)}`]) expect(parseSignature(bad)).toBeUndefined();
  });

  it('cuts 8 name bands and 8 body bands, each key naming its band', () => {
    const keys = bandKeys(sig(release));
    expect(keys).toHaveLength(NAME_BANDS + BODY_BANDS);
    expect(keys.map((k) => describeBandKey(k))).toEqual([
      ...Array.from({ length: NAME_BANDS }, (_, band) => ({ kind: 'names', band })),
      ...Array.from({ length: BODY_BANDS }, (_, band) => ({ kind: 'body', band })),
    ]);
    for (const key of keys) expect(Number.isSafeInteger(key)).toBe(true);
  });

  it('gives a near copy most of the same keys and an unrelated item none', () => {
    const copy = { title: release.title, text: `${release.text} The company did not disclose the cost.` };
    const shared = (a: number[], b: number[]) => a.filter((k) => b.includes(k)).length;
    expect(shared(bandKeys(sig(release)), bandKeys(sig(copy)))).toBeGreaterThan((NAME_BANDS + BODY_BANDS) / 2);
    expect(shared(bandKeys(sig(release)), bandKeys(sig(other)))).toBe(0);
    expect(estimatedSimilarity(sig(release), sig(release))).toEqual({ names: 1, body: 1 });
    expect(estimatedSimilarity(sig(release), sig(other)).body).toBe(0);
  });

  it('files no keys for an empty item', () => {
    expect(bandKeys(sig({ title: '', text: '' }))).toEqual([]);
  });

  it('estimates Jaccard similarity without bias over many shingle sets', () => {
    // Two bodies built from 60 words, sharing a known fraction: the estimate tracks the true Jaccard.
    const words = Array.from({ length: 400 }, (_, i) => `w${i.toString(36)}x`);
    let error = 0;
    const trials = 40;
    for (let t = 0; t < trials; t += 1) {
      const a = words.slice(t, t + 60);
      const b = words.slice(t + 20, t + 80);
      const estimate = estimatedSimilarity(sig({ title: '', text: a.join(' ') }), sig({ title: '', text: b.join(' ') })).body;
      const truth = 38 / (58 + 58 - 38); // 3-word shingles: 58 per body, 38 shared
      error += estimate - truth;
    }
    expect(Math.abs(error / trials)).toBeLessThan(0.06);
  });
});
