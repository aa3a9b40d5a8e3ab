import { SLUG_PATTERN } from '../config/rules.js';

const SLUG = new RegExp(SLUG_PATTERN);
const MAX_LENGTH = 48;

/** `text` as a config slug (lower-case letters, digits, single hyphens), or "" when nothing usable is left. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_LENGTH)
    .replace(/-+$/, '');
}

/** True when `text` is a valid source id. */
export function isSlug(text: string): boolean {
  return SLUG.test(text);
}

/**
 * A new source id: `preferred` when it is a valid slug, else a slug of the title, else of the URL's
 * host and path (without "www." and "feed"-like words); "-2", "-3"... is added until it is not `taken`.
 */
export function deriveSourceId(input: { preferred?: string; title?: string; url: string }, taken: ReadonlySet<string>): string {
  const fromUrl = (): string => {
    try {
      const url = new URL(input.url);
      const words = `${url.hostname.replace(/^www\./, '')} ${url.pathname}`.split(/[^a-zA-Z0-9]+/);
      return slugify(words.filter((w) => !/^(feeds?|rss|atom|xml|index|php|html?)$/i.test(w)).join(' '));
    } catch {
      return '';
    }
  };
  const base = (input.preferred !== undefined && isSlug(input.preferred) ? input.preferred : '')
    || slugify(input.title ?? '') || fromUrl() || 'source';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
