import { sanitizeHtml } from '../normalise/html/index.js';

/**
 * Stored HTML (sanitised at ingest) as pages and feeds republish it: every link to another site gets
 * `rel="noopener noreferrer"`, added by the sanitiser (`externalLinkRel`). Sanitising sanitised HTML changes
 * nothing else, so rows stored before the rule existed come out the same as new ones. Without a link, the HTML
 * is returned as it is.
 */
export function republishedHtml(html: string): string {
  return /<a\s/i.test(html) ? sanitizeHtml(html, { externalLinkRel: true }) : html;
}
