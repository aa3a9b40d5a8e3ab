/** How well bytes read as UTF-8: valid multi-byte sequences, invalid bytes, and where the first invalid one is. */
export interface Utf8Damage {
  validSequences: number;
  invalidBytes: number;
  /** Byte offset of the first invalid byte, or -1. */
  firstInvalid: number;
}

/** The length of the valid UTF-8 sequence starting at `i` (2-4), or 0 when it is not one. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i] ?? 0;
  const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (length === 0 || i + length > bytes.length) return 0;
  for (let k = 1; k < length; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return 0;
  const second = bytes[i + 1] ?? 0;
  // Overlong forms, UTF-16 surrogates and code points past U+10FFFF.
  if ((lead === 0xe0 && second < 0xa0) || (lead === 0xed && second > 0x9f) || (lead === 0xf0 && second < 0x90) || (lead === 0xf4 && second > 0x8f)) return 0;
  return length;
}

/** Count valid multi-byte UTF-8 sequences and invalid bytes. */
export function utf8Damage(bytes: Uint8Array): Utf8Damage {
  const damage: Utf8Damage = { validSequences: 0, invalidBytes: 0, firstInvalid: -1 };
  for (let i = 0; i < bytes.length; ) {
    if ((bytes[i] ?? 0) < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(bytes, i);
    if (length > 0) {
      damage.validSequences++;
      i += length;
    } else {
      if (damage.firstInvalid < 0) damage.firstInvalid = i;
      damage.invalidBytes++;
      i++;
    }
  }
  return damage;
}

/**
 * UTF-8 with a few stray bytes (a bad paste, a truncated character) rather than another encoding: at least one
 * valid multi-byte sequence, and at most one invalid byte for every two valid sequences. Text in a legacy
 * single-byte encoding almost never forms valid UTF-8 sequences (an accented letter is one invalid byte), so it fails this.
 */
export function isMostlyUtf8(damage: Utf8Damage): boolean {
  return damage.invalidBytes > 0 && damage.validSequences > 0 && damage.invalidBytes * 2 <= damage.validSequences;
}
