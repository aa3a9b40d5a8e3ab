export { parseFeed, type ParseInput } from './parse-feed.js';
export { DEFAULT_MAX_DEPTH, type ParseOptions } from './limits.js';
export { decodeDocument, type DecodedDocument } from './decode/index.js';
export { discoverFeeds, type DiscoveredFeed } from './feed-discovery.js';
