import { XMLParser } from 'fast-xml-parser';
import { MAX_DEPTH, type TreeBuilder } from './tree-builder.js';

const TEXT = '#text';
const CDATA = '#cdata';
const ATTRIBUTES = ':@';

// Entities are decoded by our own decoder (text-decoder.ts); FXP sees no DOCTYPE (doctype.ts blanks it).
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  allowBooleanAttributes: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  cdataPropName: CDATA,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: false,
  maxNestedTags: MAX_DEPTH,
  // Tag and attribute names are never used as object keys we look up by name, so no renaming is needed.
  onDangerousProperty: (name: string) => name,
});

/** FXP's ordered output: each node is `{ [tagName]: children, ':@'?: attributes }` or `{ '#text': value }`. */
type FxpNode = Record<string, unknown>;

function attributesOf(node: FxpNode): Array<[string, string]> {
  const attrs = node[ATTRIBUTES];
  if (!attrs || typeof attrs !== 'object') return [];
  const out: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(attrs)) if (typeof value === 'string') out.push([name, value]);
  return out;
}

function walk(nodes: readonly FxpNode[], builder: TreeBuilder): void {
  for (const node of nodes) {
    let tag: string | undefined;
    for (const key in node) {
      if (key !== ATTRIBUTES) {
        tag = key;
        break;
      }
    }
    if (tag === undefined) continue;
    const value = node[tag];
    if (tag === TEXT) builder.text(String(value));
    else if (tag === CDATA) {
      const parts = Array.isArray(value) ? (value as FxpNode[]) : [];
      builder.cdata(parts.map((p) => String(p[TEXT] ?? '')).join(''));
    } else {
      builder.open(tag, attributesOf(node));
      if (Array.isArray(value)) walk(value as FxpNode[], builder);
      builder.close();
    }
  }
}

/** Parse a well-formed document with fast-xml-parser, feeding its elements to the builder. Throws on failure. */
export function parseWithFastXmlParser(text: string, builder: TreeBuilder): void {
  const nodes: unknown = parser.parse(text);
  if (Array.isArray(nodes)) walk(nodes as FxpNode[], builder);
}
