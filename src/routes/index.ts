export { parseRoute, sitePaths } from './site-routes.js';
export type { FeedFormatName, SitePaths, SiteRoute } from './site-routes.js';
