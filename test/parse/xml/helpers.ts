import { parseXml, type XmlElement } from '../../../src/parse/xml/index.js';
import { UNDECLARED_PREFIXES } from '../../../src/parse/namespaces.js';
import { Warnings } from '../../../src/parse/warnings.js';

/** Parse a snippet; returns its root element and the warnings it produced. */
export function parse(text: string, url?: string, encoding = 'utf-8'): { root: XmlElement; warnings: string[] } {
  const warnings = new Warnings();
  const { root } = parseXml(text, { encoding, warnings, undeclaredPrefixes: UNDECLARED_PREFIXES, ...(url ? { url } : {}) });
  if (!root) throw new Error('no root element');
  return { root, warnings: warnings.toArray() };
}

/** The first descendant element with this local name (depth-first). */
export function find(el: XmlElement, local: string): XmlElement {
  const stack: XmlElement[] = [el];
  while (stack.length > 0) {
    const next = stack.shift() as XmlElement;
    if (next.local === local) return next;
    for (const c of next.children) if (c.kind === 'element') stack.push(c);
  }
  throw new Error(`no <${local}>`);
}
