import { resolveBase } from '../url.js';
import type { Warnings } from '../warnings.js';
import { XML_NAMESPACE, XMLNS_NAMESPACE, type XmlAttribute, type XmlElement, type XmlNode } from './element.js';
import type { XmlEventSink } from './strict.js';
import type { CharacterDataDecoder } from './text-decoder.js';

/** Prefix → namespace URI, as declared by xmlns attributes in scope. */
type Scope = ReadonlyMap<string, string>;

/** The attributes of every element that has none; never written to (open() gives an element its own list first). */
const NO_ATTRIBUTES: XmlAttribute[] = [];

class Element implements XmlElement {
  readonly kind = 'element';
  readonly children: XmlNode[] = [];
  attributes: XmlAttribute[] = NO_ATTRIBUTES;
  ns = '';
  base: string | undefined;
  lang: string | undefined;
  scope: Scope;

  constructor(
    readonly qname: string,
    readonly prefix: string,
    readonly local: string,
    readonly parent: Element | undefined,
  ) {
    this.scope = parent?.scope ?? new Map([['xml', XML_NAMESPACE]]);
    this.base = parent?.base;
    this.lang = parent?.lang;
  }
}

/** Settings for building one document's tree. */
export interface TreeBuilderOptions {
  /** The document URL: the base of the root's xml:base. */
  url?: string;
  /** The document's language before any xml:lang (HTTP Content-Language). */
  language?: string;
  /** Namespace URIs to assume for prefixes a sloppy feed uses without declaring (`dc`, `media` ...). */
  undeclaredPrefixes: ReadonlyMap<string, string>;
  decoder: CharacterDataDecoder;
  warnings: Warnings;
}

const prefixOf = (qname: string, colon: number): string => (colon < 0 ? '' : qname.slice(0, colon));
const localOf = (qname: string, colon: number): string => (colon < 0 ? qname : qname.slice(colon + 1));

/**
 * Builds the XmlElement tree from parser events (either parser feeds it): resolves namespaces from
 * xmlns scopes, xml:base against its ancestors and the document URL, inherits xml:lang, and decodes
 * character data and attribute values.
 */
export class TreeBuilder implements XmlEventSink {
  private readonly stack: Element[] = [];
  private root: Element | undefined;
  private skippedDepth = 0;
  private closedRoot = false;

  constructor(private readonly options: TreeBuilderOptions) {}

  /** A start tag, with its attributes' raw (undecoded) values. */
  open(qname: string, rawAttributes: ReadonlyArray<readonly [string, string]>): void {
    const parent = this.stack[this.stack.length - 1];
    if (this.closedRoot) {
      this.skippedDepth++;
      return;
    }
    const colon = qname.indexOf(':');
    const prefix = prefixOf(qname, colon);
    const local = localOf(qname, colon);
    const el = new Element(qname, prefix, local, parent);
    if (!parent && this.options.language) el.lang = this.options.language;
    this.declareNamespaces(el, rawAttributes);
    el.ns = this.namespaceOf(el, prefix);
    if (rawAttributes.length > 0) el.attributes = [];
    for (const [name, raw] of rawAttributes) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) {
        const local = name === 'xmlns' ? '' : name.slice(6);
        el.attributes.push({ qname: name, local, ns: XMLNS_NAMESPACE, value: el.scope.get(local) ?? '' });
        continue;
      }
      const attrColon = name.indexOf(':');
      const attrPrefix = prefixOf(name, attrColon);
      const attrLocal = localOf(name, attrColon);
      const value = this.options.decoder.decode(raw);
      const ns = attrPrefix ? this.namespaceOf(el, attrPrefix) : '';
      el.attributes.push({ qname: name, local: attrLocal, ns, value });
      if (ns === XML_NAMESPACE) {
        if (attrLocal === 'base') el.base = resolveBase(value, parent ? parent.base : this.options.url);
        else if (attrLocal === 'lang') el.lang = value.trim() || undefined;
      }
    }
    if (!parent) {
      this.root = el;
      if (el.base === undefined) el.base = this.options.url;
    } else parent.children.push(el);
    this.stack.push(el);
  }

  /** An end tag (the parsers have already matched it to its start tag). */
  close(): void {
    if (this.skippedDepth > 0) {
      this.skippedDepth--;
      return;
    }
    this.stack.pop();
    if (this.stack.length === 0 && this.root) this.closedRoot = true;
  }

  /** Raw character data (entities not yet decoded). */
  text(raw: string): void {
    const parent = this.stack[this.stack.length - 1];
    if (!parent || raw === '') return;
    parent.children.push({ kind: 'text', value: this.options.decoder.decode(raw), cdata: false });
  }

  /** The content of a CDATA section, taken literally. */
  cdata(value: string): void {
    const parent = this.stack[this.stack.length - 1];
    if (!parent) return;
    parent.children.push({ kind: 'text', value, cdata: true });
  }

  /** The root element, once the parser is done. */
  finish(): XmlElement | undefined {
    return this.root;
  }

  private declareNamespaces(el: Element, rawAttributes: ReadonlyArray<readonly [string, string]>): void {
    let scope: Map<string, string> | undefined;
    for (const [name, raw] of rawAttributes) {
      if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
      scope ??= new Map(el.scope);
      scope.set(name === 'xmlns' ? '' : name.slice(6), this.options.decoder.decode(raw).trim());
    }
    if (scope) el.scope = scope;
  }

  private namespaceOf(el: Element, prefix: string): string {
    const declared = el.scope.get(prefix);
    if (declared !== undefined) return declared;
    if (!prefix) return '';
    const assumed = this.options.undeclaredPrefixes.get(prefix.toLowerCase());
    this.options.warnings.add(`undeclared namespace prefix ${prefix}:${assumed ? ` (assumed ${assumed})` : ''}`);
    if (assumed) return assumed;
    // Keep unknown prefixes apart from the default namespace, so `foo:title` is never taken for `title`.
    return `urn:undeclared-prefix:${prefix}`;
  }
}
