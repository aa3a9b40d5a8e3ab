import jschardet from 'jschardet';
import { canonicalCharset, decodeStrict } from './charset.js';

// The one file that imports jschardet (Mozilla's universal charset detector, as Python's chardet that
// feedparser uses): it guesses the encoding of bytes nothing declared.

/** Below this confidence a guess is not taken (short Latin texts score ~0.02-0.05 for wrong single-byte guesses). */
const MIN_CONFIDENCE = 0.1;

/**
 * The detector names the superset it decodes with (CP949 for EUC-KR, CP932 for Shift_JIS ...); the standard
 * charset the bytes were really written in is the narrower one, when the bytes are valid in it.
 */
const NARROWER: Readonly<Record<string, string>> = {
  cp949: 'euc-kr',
  cp932: 'shift_jis',
  cp874: 'tis-620',
  gb18030: 'gb2312',
  cp936: 'gb2312',
};

/** A guessed encoding and the text it gives. */
export interface CharsetGuess {
  encoding: string;
  text: string;
  confidence: number;
}

/**
 * Guess the encoding of bytes that declare none and are not UTF-8: the detector's best guess when it is
 * confident enough and the bytes are valid in it, else undefined (the caller falls back to windows-1252).
 * Latin single-byte guesses are left to that fallback, which is their superset.
 */
export function guessCharset(bytes: Uint8Array): CharsetGuess | undefined {
  const guess = jschardet.detect(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { minimumThreshold: MIN_CONFIDENCE });
  const name = guess.encoding?.toLowerCase();
  if (!name || guess.confidence < MIN_CONFIDENCE) return undefined;
  const wide = canonicalCharset(name);
  if (wide === undefined || ['ascii', 'us-ascii', 'utf-8', 'windows-1252', 'iso-8859-1', 'iso-8859-15'].includes(wide)) return undefined;
  for (const encoding of [NARROWER[wide], wide]) {
    if (encoding === undefined) continue;
    const text = decodeStrict(bytes, encoding);
    if (text !== undefined) return { encoding, text, confidence: guess.confidence };
  }
  return undefined;
}
