import { describe, expect, it } from 'vitest';
import { SafeHtml, escapeHtml, html, joinHtml, raw } from '../../../src/publish/index.js';

describe('html template', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['" onmouseover="x', '&quot; onmouseover=&quot;x'],
    ["' onfocus='x", '&#39; onfocus=&#39;x'],
    ['AT&T &amp;', 'AT&amp;T &amp;amp;'],
    ['nul\u0000 and \ufffe gone', 'nul and  gone'],
  ])('escapes interpolated text %j', (text, expected) => {
    expect(html`<p title="${text}">${text}</p>`.toString()).toBe(`<p title="${expected}">${expected}</p>`);
    expect(escapeHtml(text)).toBe(expected);
  });

  it('keeps SafeHtml and raw() as they are, and nothing else', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${raw('<em>ok</em>')}</p>`.toString()).toBe('<p><b>&lt;i&gt;</b><em>ok</em></p>');
    // A string that merely looks like HTML is still escaped.
    expect(html`${'<em>ok</em>'}`.toString()).toBe('&lt;em&gt;ok&lt;/em&gt;');
    expect(inner).toBeInstanceOf(SafeHtml);
  });

  it('renders lists, numbers and nothing for null, undefined and false', () => {
    expect(html`${['<a>', raw('<b>'), 3, null, undefined, false, [['x&']]]}`.toString()).toBe('&lt;a&gt;<b>3x&amp;');
  });

  it('joins with an escaped separator', () => {
    expect(joinHtml(['a', raw('<b>b</b>')], ' & ').toString()).toBe('a &amp; <b>b</b>');
  });
});
