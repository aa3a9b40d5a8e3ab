import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../config/index.js';
import { curateFeed } from '../curate/index.js';
import { renderAtom } from '../publish/index.js';
import type { Database } from '../store/index.js';

/** Notices which curated feeds changed between two calls (for WebSub pings). */
export interface FeedWatcher {
  /** The self URLs (RSS, Atom, JSON) of every curated feed whose content changed since the last call; the first call only records. */
  changed(): Promise<string[]>;
}

/** A watcher over the curated feeds of the config in effect; a feed's content is its rendered Atom. */
export function createFeedWatcher(db: Kysely<Database>, config: () => Config): FeedWatcher {
  const digests = new Map<string, string>();
  let primed = false;
  return {
    async changed() {
      const current = config();
      const topics: string[] = [];
      for (const feedConfig of current.feeds) {
        const feed = await curateFeed(db, current, feedConfig);
        const digest = createHash('sha256').update(renderAtom(feed)).digest('hex');
        const before = digests.get(feed.id);
        digests.set(feed.id, digest);
        if (primed && before !== digest) topics.push(feed.feedUrls.rss, feed.feedUrls.atom, feed.feedUrls.json);
      }
      primed = true;
      return topics;
    },
  };
}
