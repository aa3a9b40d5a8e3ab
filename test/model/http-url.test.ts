import { describe, expect, it } from 'vitest';
import { parseHttpUrl } from '../../src/model/index.js';

describe('parseHttpUrl', () => {
  it.each([
    ['http://example.com', undefined, 'http://example.com/'],
    ['  HTTPS://Example.COM/a b?c=<d>  ', undefined, 'https://example.com/a%20b?c=%3Cd%3E'],
    ['/feed.xml', 'https://example.com/blog/', 'https://example.com/feed.xml'],
    ['feed.xml', new URL('https://example.com/blog/'), 'https://example.com/blog/feed.xml'],
    ['http://example.com/x', '', 'http://example.com/x'],
    ['http://user:pw@example.com/', undefined, 'http://user:pw@example.com/'],
  ])('%j against %j is %s', (text, base, href) => {
    expect(parseHttpUrl(text, base)?.href).toBe(href);
  });

  it.each([
    [undefined, undefined], [null, undefined], ['', 'https://example.com/'], ['   ', undefined],
    ['/relative', undefined], ['/relative', 'not a url'], ['http://', undefined], ['http://exa mple.com/', undefined],
    ['javascript:alert(1)', undefined], ['data:text/html,x', 'https://example.com/'], ['mailto:a@example.com', undefined],
    ['ftp://example.com/', undefined], ['file:///etc/passwd', undefined],
  ])('%j against %j is not an http(s) URL', (text, base) => {
    expect(parseHttpUrl(text, base)).toBeUndefined();
  });

  it('returns a fresh URL each time', () => {
    const a = parseHttpUrl('https://example.com/#one');
    if (a === undefined) throw new Error('expected a URL');
    a.hash = '';
    expect(parseHttpUrl('https://example.com/#one')?.hash).toBe('#one');
  });
});
