export { fetchFeed } from './fetch-feed.js';
export { createConnectionPool, withConnectionPool } from './connection-pool.js';
export type { ConnectionPool } from './connection-pool.js';
export { classifyAddress } from './classify-address.js';
export type { AddressClass } from './classify-address.js';
export type { ConnectTarget, FetchOptions, FetchRequest, LookupFunction, ResolvedAddress } from './fetch-request.js';
export { ACCEPT_ENCODING, FEED_ACCEPT } from './request-headers.js';
export { postForm } from './post-form.js';
export type { PostFormRequest } from './post-form.js';
