export { dublinCoreEntryHandlers, dublinCoreFeedHandlers } from './dublin-core.js';
export { itunesEntryHandlers, itunesFeedHandlers } from './itunes.js';
export { mediaEntryHandlers, mediaFeedHandlers } from './media.js';
export { syndicationFeedHandlers } from './syndication.js';
export { miscEntryHandlers, miscFeedHandlers } from './misc.js';
