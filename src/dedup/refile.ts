import type { StoryPort } from '../model/story-port.js';
import { encodeFeatures, FEATURES_VERSION } from './features-codec.js';
import { encodedFeaturesOf, weighAndRank } from './story-engine.js';
import { storyFeatures } from './story-features.js';

/** Stale items refiled per transaction. */
export const REFILE_BATCH = 200;

/**
 * Give the stored items that new items can still meet (ordered at or after `sinceMs`) the features of this engine
 * where theirs are missing (stored before features were kept) or of another version: their features and index
 * keys are computed from their stored text and the keys weighed from the index, as for a new item. Their stories
 * are left as they are; only later items find them again. `openPort` runs one batch in a transaction of its own,
 * so a long backfill never holds the database for long. Returns how many items were refiled.
 */
export async function refileStaleFeatures(
  openPort: <T>(work: (port: StoryPort) => Promise<T>) => Promise<T>,
  options: { sinceMs: number; windowMs: number },
): Promise<number> {
  let refiled = 0;
  let afterId = 0;
  for (;;) {
    const count = await openPort(async (port) => {
      const stale = await port.staleItems(FEATURES_VERSION, options.sinceMs, afterId, REFILE_BATCH);
      if (stale.length === 0) return 0;
      const inputs = stale.map((item) => ({ ...item, features: encodedFeaturesOf(storyFeatures({ title: item.title, text: item.text, about: item.about })) }));
      const subjects = await weighAndRank(port, inputs, options.windowMs);
      await port.saveFeatures(subjects.map((s) => ({
        itemId: s.input.itemId, atMs: s.input.atMs, keys: [...s.member.stored.features.keys], features: encodeFeatures(s.member.stored), refile: true,
      })));
      afterId = stale[stale.length - 1]?.itemId ?? afterId;
      return stale.length;
    });
    if (count === 0) return refiled;
    refiled += count;
  }
}
