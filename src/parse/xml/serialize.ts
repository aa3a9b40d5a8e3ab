import { XHTML_NAMESPACE, XML_NAMESPACE, XMLNS_NAMESPACE, type XmlElement, type XmlNode } from './element.js';

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';
const MATHML_NAMESPACE = 'http://www.w3.org/1998/Math/MathML';
const XLINK_NAMESPACE = 'http://www.w3.org/1999/xlink';

const VOID_ELEMENTS = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
]);

function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&quot;'));
}

/** Namespaces HTML knows by element name alone: their prefixes are dropped, as in an HTML document. */
function isHtmlKnown(ns: string): boolean {
  return ns === XHTML_NAMESPACE || ns === SVG_NAMESPACE || ns === MATHML_NAMESPACE;
}

function serializeElement(node: XmlElement, parentNs: string, out: string[]): void {
  const known = isHtmlKnown(node.ns);
  const name = known ? node.local : node.qname;
  out.push('<', name);
  let declaredXlink = false;
  for (const a of node.attributes) {
    if (a.ns === XMLNS_NAMESPACE) {
      // Declarations are re-derived for HTML-known namespaces, kept as written elsewhere.
      if (!known) out.push(' ', a.qname, '="', escapeAttribute(a.value), '"');
      continue;
    }
    const qname = a.ns === XLINK_NAMESPACE ? `xlink:${a.local}` : a.ns === XML_NAMESPACE ? `xml:${a.local}` : a.qname;
    out.push(' ', qname, '="', escapeAttribute(a.value), '"');
    declaredXlink ||= a.ns === XLINK_NAMESPACE;
  }
  if (known && node.ns !== XHTML_NAMESPACE && node.ns !== parentNs) out.push(' xmlns="', node.ns, '"');
  if (declaredXlink && known) out.push(' xmlns:xlink="', XLINK_NAMESPACE, '"');
  if (node.children.length === 0 && VOID_ELEMENTS.has(node.local.toLowerCase())) {
    out.push(' />');
    return;
  }
  out.push('>');
  for (const child of node.children) serializeNode(child, node.ns, out);
  out.push('</', name, '>');
}

function serializeNode(node: XmlNode, parentNs: string, out: string[]): void {
  if (node.kind === 'element') serializeElement(node, parentNs, out);
  // A CDATA section inside markup is markup someone meant literally: pass it through.
  else out.push(node.cdata ? node.value : escapeText(node.value));
}

/**
 * The element's content serialised back to markup, for inline XHTML and RSS descriptions holding raw
 * HTML: XHTML, SVG and MathML elements lose their prefixes (SVG and MathML roots get an `xmlns`),
 * other namespaced elements keep their names and declarations.
 */
export function innerXml(el: XmlElement): string {
  const out: string[] = [];
  for (const child of el.children) serializeNode(child, el.ns, out);
  return out.join('');
}
