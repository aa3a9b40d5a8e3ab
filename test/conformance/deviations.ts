import { SANITIZER_DEVIATIONS } from '../../src/normalise/html/index.js';
import type { CorpusEntry } from './corpus.js';

/** A documented, deliberate difference from feedparser: matching failures are reported apart. */
export interface Deviation {
  id: string;
  why: string;
  /** True when a failing check of this entry is explained by the deviation. */
  explains(entry: CorpusEntry): boolean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An element name appearing as a start tag in the Expect line's expected markup (`<input ...`). */
function expectsElement(names: readonly string[]): (entry: CorpusEntry) => boolean {
  const pattern = new RegExp(`<(?:${names.map(escapeRegExp).join('|')})[\\s/>]`, 'i');
  return (entry) => pattern.test(entry.expect);
}

/**
 * feedloom republishes untrusted HTML, so its sanitiser is stricter than feedparser's on purpose
 * (see src/normalise/html/policy.ts). A failing check whose expected output keeps one of these is
 * a deviation, not a bug.
 */
export const DEVIATIONS: readonly Deviation[] = [
  {
    id: 'sanitizer-dropped-elements',
    why: `the sanitiser drops form controls and SVG animation elements (${SANITIZER_DEVIATIONS.join(', ')}), which feedparser keeps`,
    explains: expectsElement(SANITIZER_DEVIATIONS),
  },
  {
    id: 'utf8-with-stray-bytes',
    why: 'bytes that are mostly UTF-8 are read as UTF-8 with U+FFFD at the few invalid bytes (issue 11), where feedparser reads the whole document as windows-1252',
    explains: (entry) => entry.path === 'encoding/bozo_linenoise.xml',
  },
  {
    id: 'sanitizer-drops-comments',
    why: 'the sanitiser drops HTML comments (feedparser keeps them, and reads a <script> inside one as text)',
    explains: (entry) => entry.path.startsWith('wellformed/sanitize/') && entry.expect.includes('<!-'),
  },
];

/** The deviation that explains a failing entry, if any. */
export function deviationFor(entry: CorpusEntry): Deviation | undefined {
  return DEVIATIONS.find((deviation) => deviation.explains(entry));
}
