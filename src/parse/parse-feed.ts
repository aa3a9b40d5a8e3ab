import { NotAFeedError, type ParsedFeed } from '../model/index.js';
import { decodeDocument } from './decode/index.js';
import { detectXmlFormat, isHtmlRoot, looksLikeHtmlPage, looksLikeJson } from './detect.js';
import { parseAtom } from './formats/atom.js';
import { checkJsonDepth } from './formats/json-depth.js';
import { jsonFeedFormat, parseJsonFeed } from './formats/json-feed.js';
import type { ParseContext } from './formats/model.js';
import { parseRss } from './formats/rss.js';
import { htmlPageError } from './html-page.js';
import { DEFAULT_MAX_DEPTH, type ParseOptions } from './limits.js';
import { UNDECLARED_PREFIXES } from './namespaces.js';
import { isUnsafeUrl } from './url.js';
import { Warnings } from './warnings.js';
import { parseXml } from './xml/index.js';

/** What the parse stage reads: the body bytes, the Content-Type they came with, and the document's URL. */
export interface ParseInput {
  body: Uint8Array;
  contentType?: string;
  /** The document's URL: the base for relative URLs. */
  url?: string;
  /** The HTTP Content-Language: the document's language unless it says otherwise. */
  contentLanguage?: string;
}

function parseJson(text: string, ctx: ParseContext, maxDepth: number): ParsedFeed {
  checkJsonDepth(text, maxDepth);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new NotAFeedError(`not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const format = jsonFeedFormat(doc, ctx);
  if (!format) throw new NotAFeedError('a JSON document, but not a JSON Feed (no version, items or other JSON Feed keys)');
  return parseJsonFeed(doc as Record<string, unknown>, format, ctx);
}

function parseMarkup(text: string, encoding: string, ctx: ParseContext, maxDepth: number): ParsedFeed {
  if (looksLikeHtmlPage(text)) throw htmlPageError(text, ctx.url);
  const { root, doctypeRoot } = parseXml(text, {
    url: ctx.url,
    ...(ctx.language ? { language: ctx.language } : {}),
    encoding,
    undeclaredPrefixes: UNDECLARED_PREFIXES,
    maxDepth,
    warnings: ctx.warnings,
  });
  if (!root) throw new NotAFeedError('not a feed: no XML element found');
  if (isHtmlRoot(root, doctypeRoot)) throw htmlPageError(text, ctx.url);
  ctx.format = detectXmlFormat(root, doctypeRoot);
  return ctx.format.startsWith('atom') ? parseAtom(root, ctx.format, ctx) : parseRss(root, ctx.format, ctx);
}

/**
 * Read a feed document: decode its bytes (RFC 3023), sniff its format (RSS 0.9x/1.0/2.0, Atom 0.3/1.0,
 * JSON Feed 1.0/1.1) and read every field, faithfully and without sanitising or parsing dates.
 * Recoverable problems become `warnings`; a document that is not a feed throws NotAFeedError, one nested
 * deeper than `options.maxDepth` (DEFAULT_MAX_DEPTH) throws TOO_COMPLEX.
 */
export function parseFeed(input: ParseInput, options: ParseOptions = {}): ParsedFeed {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const decoded = decodeDocument(input.body, input.contentType);
  const warnings = new Warnings();
  warnings.addAll(decoded.warnings);
  const url = input.url && !isUnsafeUrl(input.url) ? input.url : undefined;
  // Content-Language may list several; the first is the document's primary language.
  const language = input.contentLanguage?.split(',')[0]?.trim() || undefined;
  const ctx: ParseContext = { format: 'rss2.0', warnings, homeNamespace: '', ...(url ? { url } : {}), ...(language ? { language } : {}) };
  const text = decoded.text;
  if (text.trim() === '') throw new NotAFeedError('an empty document, not a feed');
  const feed = looksLikeJson(text) ? parseJson(text, ctx, maxDepth) : parseMarkup(text, decoded.encoding, ctx, maxDepth);
  feed.encoding = decoded.encoding;
  feed.warnings = warnings.toArray();
  return feed;
}
