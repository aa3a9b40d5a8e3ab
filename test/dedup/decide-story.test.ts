import { describe, expect, it } from 'vitest';
import { decideStory } from '../../src/dedup/decide-story.js';
import type { StoryCandidate } from '../../src/dedup/decide-story.js';
import { itemFeatures } from '../../src/dedup/features.js';

const features = (title: string, body: string) => itemFeatures({ title, text: `${title} ${body}` });
const candidate = (itemId: number, storyId: number, sourceId: string, title: string, body: string, url: string | null = null): StoryCandidate =>
  ({ itemId, storyId, sourceId, canonicalUrl: url, features: features(title, body) });

describe('decideStory', () => {
  const hetzner = 'Hetzner Online will raise prices for its cloud servers in Germany and Finland from June 1, citing energy costs.';

  it('joins the story of the best-scoring match', () => {
    const decision = decideStory(
      { sourceId: 'new', canonicalUrl: 'https://new.example/hetzner', features: features('Hetzner raises cloud server prices in Germany and Finland', hetzner) },
      [
        candidate(1, 1, 'a', 'Hetzner to increase cloud prices in Germany and Finland', 'The German hosting company Hetzner blames energy costs.'),
        candidate(2, 2, 'b', 'AWS opens Mexico region', 'AWS has launched a region in Querétaro.'),
        candidate(3, 1, 'c', 'Hetzner price rise', 'Hetzner raises prices.', 'https://new.example/hetzner'),
      ],
    );
    expect(decision.storyId).toBe(1);
    expect(decision.match?.itemId).toBe(3);
    expect(decision.match?.verdict.rule).toBe('same-url');
    expect(decision.judged.map((j) => j.itemId)).toEqual([3, 1, 2]);
  });

  it('founds a story when nothing matches', () => {
    const decision = decideStory({ sourceId: 'x', canonicalUrl: null, features: features('Debian 12.6 released', 'The Debian project published 12.6.') }, [
      candidate(1, 1, 'a', 'Linux 6.9 released', 'Linus Torvalds released Linux 6.9.'),
    ]);
    expect(decision.storyId).toBeUndefined();
    expect(decision.match).toBeUndefined();
  });

  it('treats a headline its own source used before as a recurring column', () => {
    const roundup = (week: string, body: string) => features(`Hosting industry wrap: ${week}`, body);
    const thisWeek = 'Hetzner raises cloud prices in Germany. AWS opens a region in Mexico. Northwind opens in Frankfurt.';
    const lastWeek = roundup('May 6', 'VMware joins the Linux Foundation. Broadcom raises vSphere prices. Proxmox VE 8.2 is out.');
    const decision = decideStory({ sourceId: 'hw', canonicalUrl: 'https://hw.example/13', features: roundup('May 13', thisWeek) }, [
      { itemId: 1, storyId: 1, sourceId: 'hw', canonicalUrl: 'https://hw.example/6', features: lastWeek },
      candidate(2, 2, 'other', 'Hosting industry wrap: Hetzner raises cloud prices in Germany', thisWeek),
    ]);
    expect(decision.template).toBe(true);
    expect(decision.storyId).toBeUndefined();
    // The same headline over the same text at a new URL is the article moved, not a column.
    const moved = decideStory({ sourceId: 'hw', canonicalUrl: 'https://hw.example/6-new', features: lastWeek }, [
      { itemId: 1, storyId: 1, sourceId: 'hw', canonicalUrl: 'https://hw.example/6', features: lastWeek },
    ]);
    expect([moved.template, moved.storyId, moved.match?.verdict.rule]).toEqual([false, 1, 'repost']);
  });
});
