import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../src/normalise/html/index.js';

describe('htmlToText', () => {
  it.each([
    ['plain text', 'Hello world', 'Hello world'],
    ['tags dropped', 'Example <b>Atom</b> feed', 'Example Atom feed'],
    ['inline tags do not add spaces', '<b>foo</b>bar', 'foobar'],
    ['<br> becomes a space', 'one<br>two<br/>three', 'one two three'],
    ['paragraphs become spaces', '<p>one</p><p>two</p>', 'one two'],
    ['list items and cells', '<ul><li>a</li><li>b</li></ul><table><tr><td>c</td><td>d</td></tr></table>', 'a b c d'],
    ['named entities decoded', 'AT&amp;T &copy; 2024 &hellip;', 'AT&T \u00a9 2024 \u2026'],
    ['numeric entities decoded', '&#8220;quoted&#x201D; &#150;', '\u201cquoted\u201d \u2013'],
    ['escaped markup decoded to text', '&lt;b&gt;not bold&lt;/b&gt;', '<b>not bold</b>'],
    ['unknown entity left as text', 'a &foo; b', 'a &foo; b'],
    ['bare ampersand', 'Q&A', 'Q&A'],
    ['literal less-than', '1 < 2', '1 < 2'],
    ['script content dropped', 'a<script>var x = "<b>";</script>b', 'ab'],
    ['style content dropped', 'a<style>p { color: red }</style>b', 'ab'],
    ['comments dropped', 'a<!-- secret -->b', 'ab'],
    ['whitespace collapsed and trimmed', '  a \n\t b  \r\n c  ', 'a b c'],
    ['nbsp collapsed', 'a&nbsp;&nbsp;b', 'a b'],
    ['attributes ignored', '<img alt="picture" src="x.png"><a href="http://x/">link</a>', 'link'],
    ['whole document', '<html><head><title>T</title></head><body><h1>H</h1>text</body></html>', 'T H text'],
    ['control characters dropped', 'a\u0000b\u0007c', 'abc'],
    ['control character references dropped', 'a&#1;b&#xFFFF;c', 'abc'],
    ['empty', '', ''],
  ])('%s', (_name, input, expected) => {
    expect(htmlToText(input)).toBe(expected);
  });
});
