import iconv from 'iconv-lite';

const ALIASES: Record<string, string> = {
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  ascii: 'us-ascii',
  'ansi_x3.4-1968': 'us-ascii',
  'iso646-us': 'us-ascii',
  latin1: 'iso-8859-1',
  'latin-1': 'iso-8859-1',
  l1: 'iso-8859-1',
  'iso_8859-1': 'iso-8859-1',
  'iso8859-1': 'iso-8859-1',
  'iso_8859-1:1987': 'iso-8859-1',
  'iso-ir-100': 'iso-8859-1',
  cp1252: 'windows-1252',
  'x-cp1252': 'windows-1252',
  // gb18030 is a superset of gb2312; real gb2312 feeds use its extensions (feedparser does the same).
  gb2312: 'gb18030',
  'x-mac-roman': 'macintosh',
  'mac-roman': 'macintosh',
};

/** Declared names meaning "UTF-16, byte order from the BOM" (feedparser's list). */
const GENERIC_UTF16 = new Set(['utf-16', 'utf16', 'u16', 'utf_16', 'ucs-2', 'ucs2', 'csunicode', 'iso-10646-ucs-2']);
/** Declared names meaning "UTF-32, byte order from the BOM". */
const GENERIC_UTF32 = new Set(['utf-32', 'utf32', 'u32', 'utf_32', 'ucs-4', 'ucs4', 'csucs4', 'iso-10646-ucs-4']);

/**
 * The canonical lower-case name for a charset label (`UTF8` → `utf-8`, `latin1` → `iso-8859-1`,
 * `gb2312` → `gb18030`; `utf-16`/`utf-32` without byte order stay generic), or undefined when unknown.
 */
export function canonicalCharset(label: string): string | undefined {
  const name = label.trim().toLowerCase();
  if (!name) return undefined;
  if (GENERIC_UTF16.has(name)) return 'utf-16';
  if (GENERIC_UTF32.has(name)) return 'utf-32';
  const alias = ALIASES[name] ?? ALIASES[name.replace(/_/g, '-')];
  if (alias) return alias;
  const dashed = name.replace(/_/g, '-');
  if (iconv.encodingExists(dashed)) return dashed;
  if (iconv.encodingExists(name)) return name;
  return undefined;
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function isAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80) return false;
  return true;
}

/**
 * Decode bytes with a canonical charset, or return undefined when the bytes are not valid in it
 * (an ASCII byte ≥ 0x80, a broken UTF-8 sequence, a byte the code page leaves undefined).
 */
export function decodeStrict(bytes: Uint8Array, charset: string): string | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (charset) {
    case 'utf-8':
      try {
        return fatalUtf8.decode(bytes);
      } catch {
        return undefined;
      }
    case 'us-ascii':
      return isAscii(bytes) ? buffer.toString('latin1') : undefined;
    case 'iso-8859-1':
      return buffer.toString('latin1');
    default: {
      if (!iconv.encodingExists(charset)) return undefined;
      const text = iconv.decode(buffer, charset, { stripBOM: false });
      return text.includes('\ufffd') ? undefined : text;
    }
  }
}

/** Decode bytes with a charset, replacing undecodable bytes with U+FFFD. */
export function decodeLoose(bytes: Uint8Array, charset: string): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return iconv.decode(buffer, iconv.encodingExists(charset) ? charset : 'windows-1252', { stripBOM: false });
}
