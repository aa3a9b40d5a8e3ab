/** What the first bytes of a document say about its encoding. */
export interface ByteOrderSniff {
  /** Lower-case encoding name (e.g. `utf-16le`). */
  encoding: string;
  /** Bytes of byte-order mark to skip (0 when the encoding was guessed from a `<?` or `{` pattern). */
  bomLength: number;
}

const BOMS: ReadonlyArray<{ bytes: readonly number[]; encoding: string }> = [
  // UTF-32 first: its little-endian BOM starts with the UTF-16 one.
  { bytes: [0x00, 0x00, 0xfe, 0xff], encoding: 'utf-32be' },
  { bytes: [0xff, 0xfe, 0x00, 0x00], encoding: 'utf-32le' },
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
];

function startsWith(body: Uint8Array, prefix: readonly number[]): boolean {
  if (body.length < prefix.length) return false;
  return prefix.every((byte, i) => body[i] === byte);
}

/** An ASCII character of markup that a feed may start with: `<`, `{` or `[`. */
function isMarkupStart(byte: number | undefined): boolean {
  return byte === 0x3c || byte === 0x7b || byte === 0x5b;
}

/**
 * Sniff the encoding from a byte-order mark, or (XML spec appendix F) from the zero-byte pattern of
 * an ASCII `<`, `{` or `[` in UTF-16/32 without a BOM. Returns undefined for ASCII-compatible bytes.
 */
export function sniffByteOrder(body: Uint8Array): ByteOrderSniff | undefined {
  for (const bom of BOMS) {
    if (startsWith(body, bom.bytes)) {
      // FF FE 00 00 could also be a UTF-16LE BOM followed by U+0000, which no feed starts with.
      return { encoding: bom.encoding, bomLength: bom.bytes.length };
    }
  }
  const [b0, b1, b2, b3] = body;
  if (b0 === 0 && b1 === 0 && b2 === 0 && isMarkupStart(b3)) return { encoding: 'utf-32be', bomLength: 0 };
  if (isMarkupStart(b0) && b1 === 0 && b2 === 0 && b3 === 0) return { encoding: 'utf-32le', bomLength: 0 };
  if (b0 === 0 && isMarkupStart(b1)) return { encoding: 'utf-16be', bomLength: 0 };
  if (isMarkupStart(b0) && b1 === 0) return { encoding: 'utf-16le', bomLength: 0 };
  return undefined;
}
