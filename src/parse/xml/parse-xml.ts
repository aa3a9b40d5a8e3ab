import type { Warnings } from '../warnings.js';
import { parseWithFastXmlParser } from './document.js';
import { readDoctype } from './doctype.js';
import type { XmlElement } from './element.js';
import { parseLeniently } from './lenient.js';
import { CharacterDataDecoder } from './text-decoder.js';
import { TreeBuilder } from './tree-builder.js';
import { findWellFormednessError } from './well-formed.js';

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
 * Parse XML text into an XmlElement tree. Well-formed documents go through fast-xml-parser; a
 * document that is not well-formed gets a warning (with line and column) and is read by a lenient
 * parser instead. Never throws for bad markup.
 */
export function parseXml(text: string, options: ParseXmlOptions): XmlDocument {
  const { warnings } = options;
  const doctype = readDoctype(text.replace(/\r\n?/g, '\n'), warnings);
  const makeBuilder = (): TreeBuilder =>
    new TreeBuilder({
      url: options.url,
      ...(options.language ? { language: options.language } : {}),
      undeclaredPrefixes: options.undeclaredPrefixes ?? new Map(),
      warnings,
      decoder: new CharacterDataDecoder({
        dtdEntities: doctype.entities,
        htmlEntitiesDeclared: doctype.declaresHtmlEntities,
        repairDoubleEncoding: options.encoding === 'utf-8',
        warnings,
      }),
    });

  const error = findWellFormednessError(doctype.text);
  if (!error) {
    const builder = makeBuilder();
    try {
      parseWithFastXmlParser(doctype.text, builder);
      return { root: builder.finish(), doctypeRoot: doctype.rootName };
    } catch (cause) {
      warnings.add(`XML parser failed (${cause instanceof Error ? cause.message : String(cause)}); read leniently`);
    }
  } else {
    warnings.add(`not well-formed XML: ${error}`);
  }
  const builder = makeBuilder();
  parseLeniently(doctype.text, builder);
  return { root: builder.finish(), doctypeRoot: doctype.rootName };
}
