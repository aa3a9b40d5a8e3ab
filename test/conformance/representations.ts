/**
 * What the DESIGN.md `parse` JSON carries differently from feedparser on purpose: plain-text titles, HTML bodies
 * (plain text escaped), WHATWG-normalised URLs. A failing check is such a difference — and nothing else — only
 * when it passes once the expected values are written the way the contract writes them; the check is evaluated
 * again to find out. Counted apart, as deviations, never as passes.
 */
import { plainField, safeHtml } from '../../src/normalise/index.js';
import { evaluate, isTruthy, parseExpression } from './pyexpr.js';
import type { PyMapping, PyNode } from './pyexpr.js';

/** One documented way the parse JSON writes a value. */
export interface Representation {
  id: string;
  why: string;
  /** The Expect line reads a field written this way. */
  reads: RegExp;
  /** feedparser's value as the parse JSON would write it. */
  write(value: string): string;
}

export const REPRESENTATIONS: readonly Representation[] = [
  {
    id: 'plain-text-titles',
    why: 'titles and the feed description are plain text (DESIGN.md): markup removed, entities decoded, whitespace collapsed, no tag-shaped text left',
    reads: /\['(title|subtitle|tagline|info)(_detail)?'\]|feed\['description'\]|feed\.(title|subtitle|tagline|description)/,
    write: (value) => plainField({ type: 'html', value }),
  },
  {
    id: 'html-bodies',
    why: 'summary and content are sanitised HTML (DESIGN.md): a plain-text value is HTML-escaped',
    reads: /\['(summary|description|content)'\]|\.summary|\.description/,
    write: (value) => safeHtml({ type: 'text', value }),
  },
  {
    id: 'normalised-urls',
    why: 'URLs are absolute and WHATWG-normalised (host in lower case, "/" path for a bare host)',
    reads: /link|href|url/,
    write: (value) => (/^https?:\/\//i.test(value) && URL.canParse(value) ? new URL(value).href : value),
  },
];

function rewrite(node: PyNode, write: (value: string) => string): PyNode {
  switch (node.type) {
    case 'literal':
      return typeof node.value === 'string' ? { type: 'literal', value: write(node.value) } : node;
    case 'tuple':
    case 'list':
      return { ...node, items: node.items.map((item) => rewrite(item, write)) };
    case 'dict':
      return { ...node, entries: node.entries.map(([k, v]) => [k, rewrite(v, write)]) };
    case 'unary':
      return { ...node, operand: rewrite(node.operand, write) };
    case 'binary':
    case 'bool':
      return { ...node, left: rewrite(node.left, write), right: rewrite(node.right, write) };
    case 'compare':
      return { ...node, first: rewrite(node.first, write), rest: node.rest.map(([op, right]) => [op, rewrite(right, write)]) };
    // Subscript keys, attribute names and call targets are field names, not values: left alone.
    default:
      return node;
  }
}

/** The representation that explains a failed check (it passes with the expected values rewritten), if one does. */
export function representationFor(expression: string, scope: PyMapping): string | undefined {
  const tree = parseExpression(expression);
  for (const representation of REPRESENTATIONS) {
    if (!representation.reads.test(expression)) continue;
    try {
      if (isTruthy(evaluate(rewrite(tree, representation.write), scope))) return representation.id;
    } catch {
      // Still failing (a KeyError ...): not this one.
    }
  }
  return undefined;
}
