import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Where the feedparser corpus lives (shared/, beside the repository; never copied into it). */
export const CORPUS_DIR = path.resolve(process.cwd(), '../shared/corpora/feedparser');

/** The mock origin's URL prefix in every Expect line (upstream serves `tests/<path>` on this port). */
export const UPSTREAM_ORIGIN = 'http://127.0.0.1:8097';

/** How upstream hands a file to feedparser (see the corpus README). */
export type InputKind = 'text' | 'bytes' | 'file' | 'http';

/** One row of `expectations.json`. */
export interface CorpusEntry {
  path: string;
  description: string;
  expect: string;
  input: InputKind;
  /** `[name, value]` of each `Header:` line (HTTP cases). */
  headers?: [string, string][];
  skipUnless?: string;
  url?: string;
  fields: string[];
}

/** Every entry of the corpus index. */
export function loadCorpus(): CorpusEntry[] {
  return JSON.parse(readFileSync(path.join(CORPUS_DIR, 'expectations.json'), 'utf8')) as CorpusEntry[];
}

/** The raw bytes of a corpus file. */
export function readCorpusFile(entry: Pick<CorpusEntry, 'path'>): Buffer {
  return readFileSync(path.join(CORPUS_DIR, entry.path));
}

function startsWith(data: Buffer, bytes: number[]): boolean {
  return bytes.every((byte, index) => data[index] === byte);
}

/**
 * The text upstream's test helper gives feedparser for `text` inputs: UTF-32/16 by BOM or by `<`
 * in the first bytes, UTF-8 after a BOM, otherwise UTF-8 with bad bytes dropped.
 */
export function upstreamText(data: Buffer): string {
  const decode = (encoding: string, from = 0): string => new TextDecoder(encoding).decode(data.subarray(from));
  if (startsWith(data, [0x00, 0x00, 0xfe, 0xff]) || startsWith(data, [0x00, 0x00, 0x00, 0x3c])) return utf32(data, false);
  if (startsWith(data, [0xff, 0xfe, 0x00, 0x00]) || startsWith(data, [0x3c, 0x00, 0x00, 0x00])) return utf32(data, true);
  if (startsWith(data, [0x00, 0x3c, 0x00, 0x3f])) return decode('utf-16be');
  if (startsWith(data, [0x3c, 0x00, 0x3f, 0x00])) return decode('utf-16le');
  if (startsWith(data, [0xfe, 0xff])) return decode('utf-16be', 2);
  if (startsWith(data, [0xff, 0xfe])) return decode('utf-16le', 2);
  if (startsWith(data, [0xef, 0xbb, 0xbf])) return dropInvalidUtf8(data.subarray(3));
  return dropInvalidUtf8(data);
}

/** TextDecoder has no UTF-32; Python keeps a UTF-32 BOM as U+FEFF, and so do we. */
function utf32(data: Buffer, littleEndian: boolean): string {
  let text = '';
  for (let i = 0; i + 3 < data.length; i += 4) {
    const code = littleEndian ? data.readUInt32LE(i) : data.readUInt32BE(i);
    text += String.fromCodePoint(code);
  }
  return text;
}

/** Python's `decode('utf-8', errors='ignore')`: invalid sequences vanish (TextDecoder would insert U+FFFD). */
function dropInvalidUtf8(data: Buffer): string {
  const marked = new TextDecoder('utf-8').decode(data);
  if (!marked.includes('\ufffd')) return marked;
  // Tell inserted replacement characters from ones that were really in the file.
  const pieces: string[] = [];
  let start = 0;
  for (let i = 0; i <= data.length; i += 1) {
    if (i === data.length || (data[i] === 0xef && data[i + 1] === 0xbf && data[i + 2] === 0xbd)) {
      pieces.push(new TextDecoder('utf-8').decode(data.subarray(start, i)).replaceAll('\ufffd', ''));
      if (i < data.length) pieces.push('\ufffd');
      start = i + 3;
      i += 2;
    }
  }
  return pieces.join('');
}

/** The folder a file is reported under (`wellformed/rss`, `illformed/chardet`, `encoding`). */
export function folderOf(entry: Pick<CorpusEntry, 'path'>): string {
  return path.posix.dirname(entry.path);
}

/**
 * The Expect line with upstream's mock origin replaced by ours (the port is chosen at random), and the charset
 * names it compares `encoding` with in lower case: charset names are case-insensitive (RFC 2978), feedloom
 * prints them in lower case, and chardet's guesses are spelt 'Big5', 'SHIFT_JIS' ...
 */
export function expectFor(entry: Pick<CorpusEntry, 'expect'>, origin: string | undefined): string {
  const expect = entry.expect.replace(/\bencoding == '([^']*)'/g, (_all, name: string) => `encoding == '${name.toLowerCase()}'`);
  return origin ? expect.replaceAll(UPSTREAM_ORIGIN, origin) : expect;
}
