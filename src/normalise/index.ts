export { normaliseFeed } from './normalise-feed.js';
export { normaliseItem, isoDate } from './normalise-item.js';
export { itemIdentity } from './item-id.js';
export type { ItemIdentity } from './item-id.js';
export { resolveLink } from './links.js';
export { collapseWhitespace, escapeHtml, safeHtml } from './text.js';
export { plainField, plainName, withoutMarkup, TAG_SHAPED } from './plain-field.js';
export { bodyOf, isRecurringColumn } from './item-text.js';
export type { NormaliseLimits } from './caps.js';
