import { sanitizeHtml } from '../normalise/html/index.js';

/** Bodies remembered: a render of the site reads the same stored HTML for RSS, Atom, JSON Feed and the pages. */
const REMEMBERED = 2000;
const remembered = new Map<string, string>();

/**
 * Stored HTML (sanitised at ingest) as pages and feeds republish it: every link to another site gets
 * `rel="noopener noreferrer"`, added by the sanitiser (`externalLinkRel`). Sanitising sanitised HTML changes
 * nothing else, so rows stored before the rule existed come out the same as new ones. Without a link, the HTML
 * is returned as it is. Results are remembered (the oldest forgotten first): re-sanitising costs about as much as
 * the first time, and each render (three feed formats and the pages, again after every content change) asks
 * for the same bodies.
 */
export function republishedHtml(html: string): string {
  if (!/<a\s/i.test(html)) return html;
  const known = remembered.get(html);
  if (known !== undefined) return known;
  const out = sanitizeHtml(html, { externalLinkRel: true });
  if (remembered.size >= REMEMBERED) remembered.delete(remembered.keys().next().value as string);
  remembered.set(html, out);
  return out;
}
