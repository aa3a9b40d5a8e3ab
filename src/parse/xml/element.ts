/** The namespace of `xml:lang` and `xml:base`. */
export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
/** The namespace DOM gives xmlns declarations, which are kept as attributes in it. */
export const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';
/** The XHTML namespace (inline Atom content, xhtml:body). */
export const XHTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

/** One attribute, its namespace resolved (unprefixed attributes have namespace ""). */
export interface XmlAttribute {
  /** The name as written, e.g. `xml:base`. */
  qname: string;
  local: string;
  ns: string;
  /** Entity-decoded value. */
  value: string;
}

/** A run of character data. `value` is entity-decoded; `cdata` marks a CDATA section. */
export interface XmlText {
  kind: 'text';
  value: string;
  cdata: boolean;
}

/** A child of an element: an element or a text run (comments and processing instructions are dropped). */
export type XmlNode = XmlElement | XmlText;

/** An element of a parsed XML document, namespaces, xml:base and xml:lang already resolved. */
export interface XmlElement {
  readonly kind: 'element';
  /** The name as written, e.g. `dc:creator`. */
  readonly qname: string;
  readonly local: string;
  readonly prefix: string;
  /** Namespace URI from the xmlns scope ("" when none). */
  readonly ns: string;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlNode[];
  readonly parent: XmlElement | undefined;
  /** Effective xml:base, resolved against its ancestors and the document URL (absolute when they were). */
  readonly base: string | undefined;
  /** Effective xml:lang, if any. */
  readonly lang: string | undefined;
}

/** The value of an attribute by local name and namespace ("" for unprefixed attributes). */
export function attr(el: XmlElement, local: string, ns = ''): string | undefined {
  for (const a of el.attributes) if (a.local === local && a.ns === ns) return a.value;
  return undefined;
}

/** An attribute by local name, ignoring case and namespace: for sloppy feeds (`isPermalink`, `HREF`). */
export function looseAttr(el: XmlElement, local: string): string | undefined {
  const wanted = local.toLowerCase();
  for (const a of el.attributes) if (a.local.toLowerCase() === wanted && a.ns !== XMLNS_NAMESPACE) return a.value;
  return undefined;
}

/** The child elements, in document order. */
export function childElements(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (c.kind === 'element') out.push(c);
  return out;
}

/** True when the element has at least one child element. */
export function hasChildElements(el: XmlElement): boolean {
  return el.children.some((c) => c.kind === 'element');
}

/** The decoded text of the element and all its descendants, concatenated. */
export function textContent(el: XmlElement): string {
  const only = el.children.length === 1 ? el.children[0] : undefined;
  if (only?.kind === 'text') return only.value;
  let out = '';
  for (const c of el.children) out += c.kind === 'text' ? c.value : textContent(c);
  return out;
}
