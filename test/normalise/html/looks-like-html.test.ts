import { describe, expect, it } from 'vitest';
import { looksLikeHtml } from '../../../src/normalise/html/index.js';

describe('looksLikeHtml (feedparser looks_like_html)', () => {
  it.each([
    ['closing tag', 'Example <b>Atom</b>', true],
    ['entity reference', 'AT&amp;T', true],
    ['numeric reference', 'caf&#233;', true],
    ['hex reference', 'caf&#xe9;', true],
    ['plain text', 'Just a title', false],
    ['less-than in text', '1 < 2', false],
    ['opening tag only', 'a <br> b', false],
    ['unknown tag', 'History of the <blink>tag</blink>', false],
    ['unknown entity', 'a &foo; b', false],
    ['upper-case known tag', '<B>bold</B>', true],
    ['form tags are still HTML', '<form>x</form>', true],
    ['bare ampersand only', 'Q&A', false],
  ])('%s', (_name, text, expected) => {
    expect(looksLikeHtml(text)).toBe(expected);
  });
});
