/**
 * The attribute half of the sanitiser: which attributes an element keeps, in feedparser's order
 * (sorted by name), with URL, style and SVG reference values made safe.
 */
import { sanitizeStyle } from './css.js';
import { escapeAttribute, renderAttributeFragments } from './escape.js';
import {
  MATHML_ATTRIBUTES,
  SVG_ATTRIBUTES,
  SVG_REFERENCE_ATTRIBUTES,
  XLINK_NAMESPACE,
  isLocalSvgReference,
} from './foreign-policy.js';
import { HTML_ATTRIBUTES, LOWERCASED_VALUE_ATTRIBUTES, URL_ATTRIBUTES } from './policy.js';
import type { Attribute } from './tokenizer.js';
import { safeUrl } from './attribute-url.js';

/** Which vocabulary an element belongs to, which decides its attribute allowlist. */
export type ElementKind = 'html' | 'svg' | 'math';

/** Where an element sits: inside an active `<svg>` and/or `<math>`. */
export interface ForeignContext {
  readonly svg: boolean;
  readonly math: boolean;
}

/** Attributes by lower-cased name; the first of duplicates wins, as in browsers. */
export function attributeMap(attributes: readonly Attribute[]): Map<string, Attribute> {
  const map = new Map<string, Attribute>();
  for (const attribute of attributes) {
    if (!map.has(attribute.name)) map.set(attribute.name, attribute);
  }
  return map;
}

/** A synthetic attribute (namespace declarations feedparser adds). */
export function literalAttribute(name: string, value: string): Attribute {
  return { name, value, fragments: [{ text: value }] };
}

function allowedName(kind: ElementKind, name: string): string | undefined {
  if (kind === 'svg') return SVG_ATTRIBUTES.get(name);
  if (kind === 'math') return MATHML_ATTRIBUTES.get(name);
  return HTML_ATTRIBUTES.has(name) ? name : undefined;
}

/** The rendered value of one kept attribute, or undefined to drop it. */
function cleanValue(kind: ElementKind, attribute: Attribute, base?: string): string | undefined {
  const { name, value } = attribute;
  if (URL_ATTRIBUTES.has(name)) return escapeAttribute(safeUrl(value, base));
  if (LOWERCASED_VALUE_ATTRIBUTES.has(name) && (name !== 'type' || value.includes('/'))) {
    return escapeAttribute(value.toLowerCase());
  }
  if (kind === 'svg' && SVG_REFERENCE_ATTRIBUTES.has(name) && !isLocalSvgReference(value)) return undefined;
  return renderAttributeFragments(attribute.fragments);
}

/** The attribute string (` a="b" c="d"`) an allowed element is written with. */
export function renderAttributes(
  kind: ElementKind,
  attributes: Map<string, Attribute>,
  context: ForeignContext,
  base?: string,
): string {
  const inForeign = context.svg || context.math;
  if (inForeign && [...attributes.keys()].some((name) => name.startsWith('xlink:'))) {
    attributes.set('xmlns:xlink', literalAttribute('xmlns:xlink', XLINK_NAMESPACE));
  }
  let out = '';
  for (const name of [...attributes.keys()].sort()) {
    const attribute = attributes.get(name) as Attribute;
    if (name === 'style') {
      if (kind !== 'html') continue;
      const style = sanitizeStyle(attribute.value, context.svg);
      if (style !== '') out += ` style="${escapeAttribute(style)}"`;
      continue;
    }
    const outName = allowedName(kind, name);
    if (outName === undefined) continue;
    const value = cleanValue(kind, attribute, base);
    if (value !== undefined) out += ` ${outName}="${value}"`;
  }
  return out;
}

/** What every link to another site carries: the page it opens gets no handle on ours, and no Referer. */
export const EXTERNAL_LINK_REL: readonly string[] = ['noopener', 'noreferrer'];

/** A URL that leaves the page's own site: absolute with an authority (`https://host/...`) or scheme-relative. */
const OFF_SITE = /^(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?\/\//;

/**
 * An `<a>` whose (resolved) href leads to another site gets `rel="noopener noreferrer"`, kept together with the
 * rel tokens it had. Republished HTML is shown on our pages and in feed readers: neither should hand the
 * linked site a window handle or the reader's address.
 */
export function addExternalLinkRel(attributes: Map<string, Attribute>, base?: string): void {
  const href = attributes.get('href');
  if (href === undefined || !OFF_SITE.test(safeUrl(href.value, base))) return;
  const tokens = (attributes.get('rel')?.value ?? '').toLowerCase().split(/\s+/).filter((t) => t !== '');
  for (const token of EXTERNAL_LINK_REL) if (!tokens.includes(token)) tokens.push(token);
  attributes.set('rel', literalAttribute('rel', tokens.join(' ')));
}
