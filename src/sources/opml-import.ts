import { FeedloomError } from '../model/errors.js';
import { decodeDocument } from '../parse/index.js';
import { childElements, looseAttr, parseXml } from '../parse/xml/index.js';
import type { XmlElement } from '../parse/xml/index.js';
import { Warnings } from '../parse/warnings.js';
import { httpUrlProblem } from '../config/rules.js';
import { slugify } from './source-id.js';

/** One subscription read from an OPML file. */
export interface OpmlFeed {
  xmlUrl: string;
  title?: string;
  htmlUrl?: string;
  /** Tags: the outline's `category` entries and the titles of the folders it sits in, as slugs. */
  tags: string[];
  /** An `id` attribute, when the list carries one. */
  id?: string;
}

/** An outline that looked like a subscription but cannot become one, and why. */
export interface OpmlProblem {
  outline: string;
  reason: string;
}

/** What an OPML file lists: its subscriptions, and the outlines that could not be read as one. */
export interface OpmlList {
  feeds: OpmlFeed[];
  invalid: OpmlProblem[];
}

/**
 * Read an OPML 1.0/2.0 subscription list: every outline with an `xmlUrl`, at any depth (folders become
 * tags), its title (`title`, else `text`), `htmlUrl` and `category` (comma-separated, slash-delimited).
 * Throws USAGE when the document is not OPML.
 */
export function readOpml(bytes: Uint8Array): OpmlList {
  const decoded = decodeDocument(bytes, 'application/xml');
  const document = parseXml(decoded.text, { encoding: decoded.encoding, warnings: new Warnings() });
  const root = document.root;
  if (root === undefined || root.local.toLowerCase() !== 'opml') throw new FeedloomError('USAGE', 'not an OPML document (no <opml> root element)');
  const body = childElements(root).find((el) => el.local.toLowerCase() === 'body');
  const list: OpmlList = { feeds: [], invalid: [] };
  if (body !== undefined) walk(body, [], list);
  return list;
}

function walk(parent: XmlElement, folders: string[], list: OpmlList): void {
  for (const outline of childElements(parent)) {
    if (outline.local.toLowerCase() !== 'outline') continue;
    const title = (looseAttr(outline, 'title') ?? looseAttr(outline, 'text'))?.trim() || undefined;
    const xmlUrl = looseAttr(outline, 'xmlUrl')?.trim();
    if (xmlUrl === undefined) {
      const type = looseAttr(outline, 'type')?.toLowerCase();
      if (type === 'rss' || type === 'atom') list.invalid.push({ outline: title ?? '(untitled)', reason: 'no xmlUrl' });
      walk(outline, title === undefined ? folders : [...folders, title], list);
      continue;
    }
    const problem = httpUrlProblem(xmlUrl);
    if (problem !== undefined) {
      list.invalid.push({ outline: title ?? xmlUrl, reason: `xmlUrl ${JSON.stringify(xmlUrl)}: ${problem}` });
      continue;
    }
    const htmlUrl = looseAttr(outline, 'htmlUrl')?.trim();
    const categories = (looseAttr(outline, 'category') ?? '').split(',').flatMap((c) => c.split('/'));
    const tags = [...new Set([...folders, ...categories].map(slugify).filter((t) => t !== ''))];
    const id = looseAttr(outline, 'id')?.trim();
    list.feeds.push({
      xmlUrl,
      tags,
      ...(title !== undefined ? { title } : {}),
      ...(htmlUrl && httpUrlProblem(htmlUrl) === undefined ? { htmlUrl } : {}),
      ...(id ? { id } : {}),
    });
  }
}
