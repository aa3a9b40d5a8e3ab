export { parseFeed, type ParseInput } from './parse-feed.js';
export { decodeDocument, type DecodedDocument } from './decode/index.js';
export { discoverFeeds, type DiscoveredFeed } from './feed-discovery.js';
