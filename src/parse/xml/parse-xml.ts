import { DEFAULT_MAX_DEPTH } from '../limits.js';
import { Warnings } from '../warnings.js';
import { readDoctype } from './doctype.js';
import type { XmlElement } from './element.js';
import { parseLeniently } from './lenient.js';
import { parseStrictly } from './strict.js';
import { CharacterDataDecoder } from './text-decoder.js';
import { TreeBuilder } from './tree-builder.js';

/** Settings for parsing one XML document. */
export interface ParseXmlOptions {
  /** The document URL: the base for xml:base. */
  url?: string;
  /** The document's language before any xml:lang (HTTP Content-Language). */
  language?: string;
  /** The encoding the text was decoded from (UTF-8 documents get double-encoding repair). */
  encoding: string;
  /** Namespace URIs to assume for well-known prefixes used without a declaration. */
  undeclaredPrefixes?: ReadonlyMap<string, string>;
  /** Deepest element nesting allowed (DEFAULT_MAX_DEPTH when absent); a deeper document throws TOO_COMPLEX. */
  maxDepth?: number;
  warnings: Warnings;
}

/** A parsed XML document. */
export interface XmlDocument {
  /** The root element, or undefined when the text held no element at all. */
  root: XmlElement | undefined;
  /** The root name the DOCTYPE declared (`html` for an HTML page), if any. */
  doctypeRoot?: string;
}

/**
 * Parse XML text into an XmlElement tree. A well-formed document is read in one pass by the strict parser;
 * one that is not gets a warning (with line and column) and is read again by a lenient parser. Never throws
 * for bad markup; throws TOO_COMPLEX for a document nested deeper than `maxDepth`.
 */
export function parseXml(text: string, options: ParseXmlOptions): XmlDocument {
  const { warnings } = options;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const doctype = readDoctype(text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text, warnings);
  const makeBuilder = (into: Warnings): TreeBuilder =>
    new TreeBuilder({
      url: options.url,
      ...(options.language ? { language: options.language } : {}),
      undeclaredPrefixes: options.undeclaredPrefixes ?? new Map(),
      warnings: into,
      decoder: new CharacterDataDecoder({
        dtdEntities: doctype.entities,
        htmlEntitiesDeclared: doctype.declaresHtmlEntities,
        repairDoubleEncoding: options.encoding === 'utf-8',
        warnings: into,
      }),
    });

  // The strict pass keeps its warnings aside: a document found ill-formed half way is read again from the start.
  const strictWarnings = new Warnings();
  const strict = makeBuilder(strictWarnings);
  const error = parseStrictly(doctype.text, strict, maxDepth);
  if (!error) {
    warnings.addAll(strictWarnings.all());
    return { root: strict.finish(), doctypeRoot: doctype.rootName };
  }
  warnings.add(`not well-formed XML: ${error}`);
  const builder = makeBuilder(warnings);
  parseLeniently(doctype.text, builder, maxDepth);
  return { root: builder.finish(), doctypeRoot: doctype.rootName };
}
