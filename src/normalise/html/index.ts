/** HTML handling for the normalise stage: sanitising feed HTML, and reading it as plain text. */
export { sanitizeHtml } from './sanitize.js';
export { EXTERNAL_LINK_REL } from './attributes.js';
export type { SanitizeOptions } from './sanitize.js';
export { htmlToText } from './html-to-text.js';
export { sanitizeHtmlWithText } from './sanitize-with-text.js';
export { SANITIZER_DEVIATIONS } from './policy.js';
export { COLLAPSIBLE_WHITESPACE, removeNonXmlCharacters } from './escape.js';
