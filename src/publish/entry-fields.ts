import type { CuratedEntry, Enclosure, Person } from '../model/index.js';
import { attributionHtml } from './attribution.js';
import { republishedHtml } from './republished-html.js';
import { httpUrl } from './safe-url.js';
import { sitePaths } from '../routes/index.js';
import { cdataSafeHtml } from './xml-text.js';

/** Where an entry links: the original article, else (no usable URL) its story page on our site. */
export function entryLink(entry: CuratedEntry, siteUrl: string): string {
  return httpUrl(entry.url) ?? sitePaths(siteUrl).absolute(sitePaths(siteUrl).story(entry.storyId));
}

/** Vendor names, then the item's own categories: trimmed, without blanks or case-insensitive repeats. */
export function entryCategories(entry: CuratedEntry): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of [...entry.vendors.map((v) => v.name), ...entry.categories]) {
    const name = raw.replace(/\s+/g, ' ').trim();
    const key = name.toLowerCase();
    if (name === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

/** Enclosures with an http(s) URL; a missing type becomes `application/octet-stream`. */
export function entryEnclosures(entry: CuratedEntry): Enclosure[] {
  const out: Enclosure[] = [];
  for (const enclosure of entry.enclosures) {
    const url = httpUrl(enclosure.url);
    if (!url) continue;
    const type = enclosure.type.trim() || 'application/octet-stream';
    const length = Number.isFinite(enclosure.length) && enclosure.length > 0 ? Math.floor(enclosure.length) : 0;
    out.push({ url, type, length });
  }
  return out;
}

/** An address that can stand alone as an email (and as a name when there is none): no spaces, quotes or `<>`. */
const EMAIL_SHAPED = /^[^\s@<>"]+@[^\s@<>"]+$/;

/** Authors with a name or an email; emails that are not one address, and URLs other than http(s), dropped. */
export function entryAuthors(entry: CuratedEntry): Person[] {
  const out: Person[] = [];
  for (const author of entry.authors) {
    const name = author.name?.trim();
    const trimmedEmail = author.email?.trim();
    const email = trimmedEmail && EMAIL_SHAPED.test(trimmedEmail) ? trimmedEmail : undefined;
    const url = httpUrl(author.url);
    if (!name && !email) continue;
    out.push({ ...(name ? { name } : {}), ...(email ? { email } : {}), ...(url ? { url } : {}) });
  }
  return out;
}

/**
 * The entry's HTML bodies as feeds carry them, each ending with the attribution ("via Outlet",
 * "Also covered by: ..."): `summary` is the summary (else the content), `content` the content (else
 * the summary), links to other sites with rel="noopener noreferrer". Safe to wrap in CDATA.
 */
export function entryBodies(entry: CuratedEntry): { summary: string; content: string } {
  const footer = attributionHtml(entry).toString();
  const summary = republishedHtml(entry.summaryHtml.trim() || entry.contentHtml.trim());
  const content = republishedHtml(entry.contentHtml.trim() || entry.summaryHtml.trim());
  return { summary: cdataSafeHtml(summary + footer), content: cdataSafeHtml(content + footer) };
}
