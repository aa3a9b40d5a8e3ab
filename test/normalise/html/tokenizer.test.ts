import { describe, expect, it } from 'vitest';
import {
  type Attribute,
  type Fragment,
  namedReferenceText,
  tokenizeHtml,
} from '../../../src/normalise/html/tokenizer.js';

/** Tokens as plain data, for comparison. */
function tokens(html: string): unknown[] {
  const out: unknown[] = [];
  tokenizeHtml(html, {
    text: (fragment: Fragment) => out.push(fragment.reference === undefined ? fragment.text : [fragment.text, fragment.reference]),
    startTag: (name: string, attributes: readonly Attribute[], selfClosing: boolean) =>
      out.push({ start: name, selfClosing, attributes: attributes.map((a) => [a.name, a.value, a.fragments.map((f) => f.reference ?? f.text)]) }),
    endTag: (name: string) => out.push({ end: name }),
  });
  return out;
}

describe('tokenizeHtml', () => {
  it.each([
    ['text and a reference', 'a&amp;b', ['a', ['&', '&amp;'], 'b']],
    ['legacy reference without semicolon', '&copy 1', [['\u00a9', '&copy'], ' 1']],
    ['numeric references', '&#38;&#x26;', [['&', '&#38;'], ['&', '&#x26;']]],
    ['tags lower-cased', '<B>x</B>', [{ start: 'b', selfClosing: false, attributes: [] }, 'x', { end: 'b' }]],
    ['self-closing', '<br/>', [{ start: 'br', selfClosing: true, attributes: [] }]],
    [
      'attribute references keep their spelling',
      '<a title="&#38;&amp;x&lt">',
      [{ start: 'a', selfClosing: false, attributes: [['title', '&&x<', ['&#38;', '&amp;', 'x', '&lt']]] }],
    ],
    [
      'attribute value starting with a reference',
      "<a title='&quot;q'>",
      [{ start: 'a', selfClosing: false, attributes: [['title', '"q', ['&quot;', 'q']]] }],
    ],
    [
      'unquoted and valueless attributes',
      '<input value=&amp;x disabled>',
      [{ start: 'input', selfClosing: false, attributes: [['value', '&x', ['&amp;', 'x']], ['disabled', '', []]] }],
    ],
    ['legacy reference before = in attribute is not decoded', '<a href="?a=1&copy=2">', [{ start: 'a', selfClosing: false, attributes: [['href', '?a=1&copy=2', ['?a=1&copy=2']]] }]],
    ['comment swallowed', 'a<!-- x -->b', ['a', 'b']],
    ['script is raw text', '<script>a<b>&amp;</script>', [{ start: 'script', selfClosing: false, attributes: [] }, 'a<b>&amp;', { end: 'script' }]],
    ['textarea references decoded', '<textarea>&lt;x<y</textarea>', [{ start: 'textarea', selfClosing: false, attributes: [] }, ['<', '&lt;'], 'x', '<', 'y', { end: 'textarea' }]],
    ['unterminated declaration kept as text', 'a<!DOCTYPE', ['a', '<!DOCTYPE']],
    ['unterminated comment recovered at --…>', 'a<!-- -- b >c', ['a', 'c']],
  ])('%s', (_name, html, expected) => {
    expect(tokens(html)).toEqual(expected);
  });
});

describe('namedReferenceText', () => {
  it.each([
    ['amp', '&'],
    ['hellip', '\u2026'],
    ['semi', ';'],
    ['notit', undefined],
    ['nosuch', undefined],
    ['AMP', '&'],
    ['Amp', undefined],
  ])('&%s;', (name, expected) => {
    expect(namedReferenceText(name)).toBe(expected);
  });
});
