import { decodeHTMLStrict } from 'entities';

const cache = new Map<string, string | undefined>();
// HTML 5 re-pointed these two at U+27E8/9; feeds were written against HTML 4 (and feedparser uses it).
const HTML4_OVERRIDES: Record<string, string> = { lang: '\u2329', rang: '\u232a' };

/** The text an HTML named entity (`hellip` → `…`) stands for, or undefined when HTML has no such entity. */
export function htmlEntity(name: string): string | undefined {
  if (cache.has(name)) return cache.get(name);
  const html4 = HTML4_OVERRIDES[name];
  if (html4 !== undefined) return html4;
  const reference = `&${name};`;
  const decoded = decodeHTMLStrict(reference);
  const value = decoded === reference ? undefined : decoded;
  if (cache.size < 4096) cache.set(name, value);
  return value;
}
