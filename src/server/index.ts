export { createServer } from './create-server.js';
export type { FeedloomServer, InjectRequest, InjectResponse, Rendered, ServerOptions, SiteFreshness, SiteHandler } from './types.js';
export { FEED_CACHE_CONTROL, NO_STORE, PAGE_CACHE_CONTROL } from './response-headers.js';
export { PROMETHEUS_CONTENT_TYPE } from '../metrics/index.js';
export { withDeadline } from './deadline.js';
export { oneLine } from './health.js';
export { hasLastGoodCopies } from './last-good-disk.js';
