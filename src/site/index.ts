export { createSite } from './create-site.js';
export type { Site, SiteOptions } from './create-site.js';
export { createFeedWatcher } from './feed-watch.js';
export type { FeedWatcher } from './feed-watch.js';
