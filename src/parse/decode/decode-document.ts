import { sniffByteOrder, type ByteOrderSniff } from './bom.js';
import { canonicalCharset, decodeLoose, decodeStrict } from './charset.js';
import { classifyMediaType, parseContentType } from './content-type.js';
import { guessCharset } from './guess-charset.js';
import { isMostlyUtf8, utf8Damage } from './utf8-damage.js';
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

/**
 * Reconcile a declared encoding (`where` says who declared it) with what the first bytes prove: UTF-16/32 cannot be
 * true of ASCII-compatible bytes, and a byte order mark outranks any declaration. Returns the encoding to believe.
 */
function reconcile(label: string, where: string, sniff: ByteOrderSniff | undefined, warnings: string[]): string | undefined {
  const declared = canonicalCharset(label) ?? label;
  if (!sniff) {
    if (widthFamily(declared) !== 'bytes' || declared === 'utf-16' || declared === 'utf-32') {
      warnings.push(`${where} says ${label}, but the bytes are ASCII-compatible: ignored`);
      return undefined;
    }
    return declared;
  }
  const generic = declared === 'utf-16' || declared === 'utf-32';
  if (generic ? widthFamily(sniff.encoding) !== declared : declared !== sniff.encoding) {
    warnings.push(`${where} says ${label}, but the byte order mark says ${sniff.encoding}`);
  }
  return sniff.encoding;
}

/** The encoding named by the XML declaration, reconciled with what the first bytes prove. */
function declaredEncoding(bytes: Uint8Array, sniff: ByteOrderSniff | undefined, warnings: string[]): string | undefined {
  const head = decodeLoose(bytes.subarray(0, HEAD_BYTES), sniff?.encoding ?? 'latin1');
  const label = readDeclaredEncoding(head);
  return label ? reconcile(label, 'XML declaration', sniff, warnings) : undefined;
}

/** RFC 3023's choice of encoding from the media type, its (reconciled) charset and the XML declaration. */
function preferredEncoding(mediaType: string, httpEncoding: string | undefined, xmlEncoding: string | undefined, warnings: string[]): string {
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

const LATIN = new Set(['iso-8859-1', 'windows-1252']);

/** UTF-8 with its few invalid bytes replaced by U+FFFD, and a warning saying how many and where the first was. */
function damagedUtf8(bytes: Uint8Array, preferred: string, warnings: string[]): DecodedDocument | undefined {
  const damage = utf8Damage(bytes);
  if (!isMostlyUtf8(damage)) return undefined;
  if (preferred !== 'utf-8') warnings.push(`document declared as ${preferred}, but parsed as utf-8`);
  warnings.push(`${damage.invalidBytes} byte${damage.invalidBytes === 1 ? '' : 's'} not valid UTF-8 replaced with U+FFFD `
    + `(the first at byte ${damage.firstInvalid}); the rest is UTF-8`);
  return { text: decodeLoose(bytes, 'utf-8').replace(LEADING_JUNK, ''), encoding: 'utf-8', warnings };
}

/**
 * Turn a document's bytes into text, choosing the encoding in RFC 3023 order: byte-order mark (or the
 * UTF-16/32 zero-byte pattern), HTTP charset, XML declaration, then UTF-8 if valid. Bytes that are mostly
 * UTF-8 are read as UTF-8 with U+FFFD at the bad bytes; bytes that declare nothing are guessed by a charset
 * detector; windows-1252 is the last resort. A wrong, contradicting or impossible declaration, or bytes invalid
 * in every candidate, give a warning, never a failure.
 */
export function decodeDocument(body: Uint8Array, contentType?: string): DecodedDocument {
  const warnings: string[] = [];
  const sniff = sniffByteOrder(body);
  const bytes = sniff ? body.subarray(sniff.bomLength) : body;
  const xmlEncoding = declaredEncoding(bytes, sniff, warnings);
  const { mediaType, charset } = parseContentType(contentType);
  const httpEncoding = charset === undefined ? undefined : reconcile(charset, 'HTTP charset', sniff, warnings);
  const preferred = sniff?.encoding ?? preferredEncoding(mediaType, httpEncoding, xmlEncoding, warnings);

  const candidates = [preferred, xmlEncoding, 'utf-8'];
  if (LATIN.has(preferred) && hasNonAscii(bytes)) {
    // Servers and CMSs often label UTF-8 as Latin-1; valid multi-byte UTF-8 is never real Latin-1 text.
    if (decodeStrict(bytes, 'utf-8') !== undefined) candidates.unshift('utf-8');
    else {
      const damaged = damagedUtf8(bytes, preferred, warnings);
      if (damaged) return damaged;
    }
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
  if (!sniff) {
    const damaged = damagedUtf8(bytes, preferred, warnings);
    if (damaged) return damaged;
    if (httpEncoding === undefined && xmlEncoding === undefined) {
      const guess = guessCharset(bytes);
      if (guess) {
        warnings.push(`no encoding declared and the bytes are not UTF-8: read as ${guess.encoding}, `
          + `the charset detector's guess (confidence ${guess.confidence.toFixed(2)})`);
        return { text: guess.text.replace(LEADING_JUNK, ''), encoding: guess.encoding, warnings };
      }
    }
    const text = decodeStrict(bytes, 'windows-1252');
    if (text !== undefined) {
      warnings.push(`document declared as ${preferred}, but parsed as windows-1252`);
      return { text: text.replace(LEADING_JUNK, ''), encoding: 'windows-1252', warnings };
    }
  }
  const fallback = sniff?.encoding ?? 'windows-1252';
  warnings.push(`document declared as ${preferred}, but its bytes are not valid in it; decoded as ${fallback} with replacement characters`);
  return { text: decodeLoose(bytes, fallback).replace(LEADING_JUNK, ''), encoding: fallback, warnings };
}
