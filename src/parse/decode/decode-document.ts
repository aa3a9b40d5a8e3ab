import { sniffByteOrder, type ByteOrderSniff } from './bom.js';
import { canonicalCharset, decodeLoose, decodeStrict } from './charset.js';
import { classifyMediaType, parseContentType } from './content-type.js';
import { readDeclaredEncoding } from './xml-declaration.js';

/** A document's bytes turned into text, with the encoding actually used and any problems met. */
export interface DecodedDocument {
  text: string;
  /** Lower-case name of the encoding the text was decoded with (e.g. `utf-8`, `windows-1252`). */
  encoding: string;
  warnings: string[];
}

const HEAD_BYTES = 1024;
const LEADING_JUNK = /^[\ufeff\s]+/;

function widthFamily(encoding: string): string {
  if (encoding.startsWith('utf-16')) return 'utf-16';
  if (encoding.startsWith('utf-32')) return 'utf-32';
  return 'bytes';
}

/** The encoding named by the XML declaration, reconciled with what the first bytes prove. */
function declaredEncoding(bytes: Uint8Array, sniff: ByteOrderSniff | undefined, warnings: string[]): string | undefined {
  const head = decodeLoose(bytes.subarray(0, HEAD_BYTES), sniff?.encoding ?? 'latin1');
  const label = readDeclaredEncoding(head);
  if (!label) return undefined;
  const declared = canonicalCharset(label) ?? label;
  if (!sniff) {
    if (declared === 'utf-16' || declared === 'utf-32' || widthFamily(declared) !== 'bytes') {
      // We could read the declaration as ASCII, so the bytes cannot be UTF-16/32.
      warnings.push(`XML declaration says ${label}, but the bytes are ASCII-compatible`);
      return undefined;
    }
    return declared;
  }
  if (declared === 'utf-16' || declared === 'utf-32') {
    if (widthFamily(sniff.encoding) !== declared) {
      warnings.push(`XML declaration says ${label}, but the byte order mark says ${sniff.encoding}`);
    }
    return sniff.encoding;
  }
  if (widthFamily(declared) !== widthFamily(sniff.encoding)) {
    warnings.push(`XML declaration says ${label}, but the byte order mark says ${sniff.encoding}`);
    return sniff.encoding;
  }
  return declared;
}

/** RFC 3023's choice of encoding from the media type, its charset and the XML declaration. */
function preferredEncoding(contentType: string | undefined, xmlEncoding: string | undefined, warnings: string[]): string {
  const { mediaType, charset } = parseContentType(contentType);
  const httpEncoding = charset === undefined ? undefined : (canonicalCharset(charset) ?? charset);
  if (!mediaType) return httpEncoding ?? xmlEncoding ?? 'utf-8';
  switch (classifyMediaType(mediaType)) {
    case 'xml-application':
    case 'json':
      return httpEncoding ?? xmlEncoding ?? 'utf-8';
    case 'xml-text':
      // RFC 3023: text/* without a charset is us-ascii, whatever the XML declaration says.
      return httpEncoding ?? 'us-ascii';
    case 'other-text':
      warnings.push(`${mediaType} is not an XML or JSON media type`);
      return httpEncoding ?? 'us-ascii';
    case 'other':
      warnings.push(`${mediaType} is not an XML or JSON media type`);
      return httpEncoding ?? xmlEncoding ?? 'utf-8';
  }
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80) return true;
  return false;
}

/**
 * Turn a document's bytes into text, choosing the encoding in RFC 3023 order: byte-order mark (or the
 * UTF-16/32 zero-byte pattern), HTTP charset, XML declaration, then UTF-8 if valid, else windows-1252.
 * A wrong or contradicting declaration, or bytes invalid in every candidate, give a warning, never a failure.
 */
export function decodeDocument(body: Uint8Array, contentType?: string): DecodedDocument {
  const warnings: string[] = [];
  const sniff = sniffByteOrder(body);
  const bytes = sniff ? body.subarray(sniff.bomLength) : body;
  const xmlEncoding = declaredEncoding(bytes, sniff, warnings);
  const preferred = sniff?.encoding ?? preferredEncoding(contentType, xmlEncoding, warnings);

  const candidates = [preferred, xmlEncoding, 'utf-8', 'windows-1252'];
  if ((preferred === 'iso-8859-1' || preferred === 'windows-1252') && hasNonAscii(bytes)) {
    // Servers and CMSs often label UTF-8 as Latin-1; valid multi-byte UTF-8 is never real Latin-1 text.
    candidates.unshift('utf-8');
  }
  const tried = new Set<string>();
  for (const candidate of candidates) {
    if (!candidate || tried.has(candidate)) continue;
    tried.add(candidate);
    const text = decodeStrict(bytes, candidate);
    if (text === undefined) continue;
    if (candidate !== preferred) warnings.push(`document declared as ${preferred}, but parsed as ${candidate}`);
    return { text: text.replace(LEADING_JUNK, ''), encoding: candidate, warnings };
  }
  const fallback = sniff?.encoding ?? 'windows-1252';
  warnings.push(`document declared as ${preferred}, but its bytes are not valid in it; decoded as ${fallback} with replacement characters`);
  return { text: decodeLoose(bytes, fallback).replace(LEADING_JUNK, ''), encoding: fallback, warnings };
}
