export { allowedSources, curateFeed, entriesFor, feedUrls, matchingStoryIds } from './curate-feed.js';
export { buildEntry, representative, sourceTitle, storyUrl } from './build-entry.js';
export type { EntryContext } from './build-entry.js';
export { matchItem } from './match-item.js';
export type { MatchableItem, MatchVerdict } from './match-item.js';
