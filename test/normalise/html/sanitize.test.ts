import { describe, expect, it } from 'vitest';
import { SANITIZER_DEVIATIONS, sanitizeHtml } from '../../../src/normalise/html/index.js';

describe('sanitizeHtml output format (feedparser-compatible)', () => {
  it.each([
    ['plain text', 'just text', 'just text'],
    ['empty', '', ''],
    ['trimmed like feedparser', '  <b>x</b>\n ', '<b>x</b>'],
    ['void element', '<br>', '<br />'],
    ['void element with attributes', '<img src="http://e.test/a.png" alt=x>', '<img alt="x" src="http://e.test/a.png" />'],
    ['attributes sorted by name', '<a title="t" href="http://e.test/" class="c">x</a>', '<a class="c" href="http://e.test/" title="t">x</a>'],
    ['empty attribute kept', '<span abbr=""></span>', '<span abbr=""></span>'],
    ['valueless attribute', '<details open>x</details>', '<details open="">x</details>'],
    ['single quotes become double', `<span title='say "hi"'>x</span>`, '<span title="say &quot;hi&quot;">x</span>'],
    ['attribute < and > escaped', '<span title="a<b>c">x</span>', '<span title="a&lt;b&gt;c">x</span>'],
    ['unknown attribute dropped', '<span foo="bar" i$="1">x</span>', '<span>x</span>'],
    ['duplicate attribute: first wins', '<span title="one" title="two">x</span>', '<span title="one">x</span>'],
    ['upper-case names lowered', '<SPAN TITLE="T">x</SPAN>', '<span title="T">x</span>'],
    ['rel lower-cased', '<a rel="NoFollow">x</a>', '<a rel="nofollow">x</a>'],
    ['MIME type lower-cased', '<source type="Video/MP4">', '<source type="video/mp4" />'],
    ['list type kept', '<ol type="I"><li>x</li></ol>', '<ol type="I"><li>x</li></ol>'],
    ['self-closing non-void closed', '<span/>x', '<span></span>x'],
  ])('%s', (_name, input, expected) => {
    expect(sanitizeHtml(input)).toBe(expected);
  });
});

describe('sanitizeHtml character references', () => {
  it.each([
    ['named reference kept', '&copy; 2024', '&copy; 2024'],
    ['numeric references kept as written', '<b>&#38;</b> <b>&#x26;</b>', '<b>&#38;</b> <b>&#x26;</b>'],
    ['hex reference lower-cased', '&#X41;', '&#x41;'],
    ['windows-1252 reference mapped', '&#150; &#146;', '&#x2013; &#x2019;'],
    ['references kept in attributes', '<a title="&#38;">x</a>', '<a title="&#38;">x</a>'],
    ['bare ampersand escaped', 'AT&T', 'AT&amp;T'],
    ['unknown entity escaped', 'a &foo; b', 'a &amp;foo; b'],
    ['reference without semicolon written out', '&copy 2024', '© 2024'],
    ['escaped markup stays escaped', '&lt;script&gt;alert(1)&lt;/script&gt;', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['literal < escaped', '1 < 2', '1 &lt; 2'],
    ['> left as text', '<code>&lt;br /></code>', '<code>&lt;br /></code>'],
    ['NUL reference becomes U+FFFD', 'a&#0;b', 'a\ufffdb'],
    ['control character reference dropped', 'a&#1;b', 'ab'],
    ['raw control characters dropped', 'a\u0001b\u0000c', 'abc'],
    ['CRLF normalised', 'a\r\nb', 'a\nb'],
    ['apostrophe reference kept', 'it&apos;s', 'it&apos;s'],
  ])('%s', (_name, input, expected) => {
    expect(sanitizeHtml(input)).toBe(expected);
  });
});

describe('sanitizeHtml structure', () => {
  it.each([
    ['unclosed element closed', '<b>bold', '<b>bold</b>'],
    ['mis-nested end tag closes inner elements', '<b><i>x</b>y', '<b><i>x</i></b>y'],
    ['stray end tag dropped', 'a</b>b</div>', 'ab'],
    ['stray </br> dropped', '<br></br>', '<br />'],
    ['implied </p>', '<p>a<p>b', '<p>a</p><p>b</p>'],
    ['implied </li>', '<ul><li>1<li>2</ul>', '<ul><li>1</li><li>2</li></ul>'],
    ['implied </td>', '<table><tr><td>1<td>2</table>', '<table><tr><td>1</td><td>2</td></tr></table>'],
    ['tr without a table kept as feedparser does', '<tr>Some text</tr>', '<tr>Some text</tr>'],
    ['unknown element dropped, text kept', '<blink>safe</blink> description', 'safe description'],
    ['unknown element with attributes', '<font2 color="red">x</font2>', 'x'],
    ['comment dropped', 'a<!-- hidden -->b', 'ab'],
    ['conditional comment dropped', 'a<!--[if IE]><script>x</script><![endif]-->b', 'ab'],
    ['unclosed comment (feedparser recovery)', 'sa<!-- -- x >fe<script>alert(1);</script>', 'safe'],
    ['unclosed comment at end', 'safe<!--', 'safe'],
    ['doctype dropped', '<!DOCTYPE html><p>x</p>', '<p>x</p>'],
    ['broken doctype kept as text', '<!DOCTYPE ~', '&lt;!DOCTYPE ~'],
    ['not a declaration', "<!' x", "&lt;!' x"],
    ['processing instruction dropped', 'a<?php echo 1; ?>b', 'ab'],
    ['CDATA becomes text', '<![CDATA[<script></script>]]&gt;', '&lt;![CDATA[]]&gt;'],
    ['whole document reduced to body content', '<html><head><title>T</title></head><body><p>x</p></body></html>', 'T<p>x</p>'],
    ['title text kept', '<title>Crazy</title>', 'Crazy'],
    ['noscript kept like feedparser', '<noscript><img src="http://e.test/p.gif"></noscript>', '<noscript><img src="http://e.test/p.gif" /></noscript>'],
  ])('%s', (_name, input, expected) => {
    expect(sanitizeHtml(input)).toBe(expected);
  });
});

describe('sanitizeHtml deviations from feedparser', () => {
  it('lists the form and SVG animation elements it drops', () => {
    expect([...SANITIZER_DEVIATIONS].sort()).toEqual(
      [
        'animate', 'animateColor', 'animateMotion', 'animateTransform', 'button', 'datalist', 'form', 'input',
        'keygen', 'optgroup', 'option', 'select', 'set', 'textarea',
      ].sort(),
    );
  });

  it.each([
    ['<form action="http://evil.test/"><p>Log in</p><input name="pw"><button>Go</button></form>', '<p>Log in</p>Go'],
    ['<select><option>A</option><optgroup><option>B</option></optgroup></select>', 'AB'],
    ['<textarea>&lt;b&gt; &amp; more &#1;</textarea>', '&lt;b&gt; &amp; more'],
    ['<keygen name="k"><datalist><option value="x"></datalist>', ''],
    ['<label for="a">L</label><fieldset><legend>G</legend></fieldset>', '<label for="a">L</label><fieldset><legend>G</legend></fieldset>'],
  ])('%s', (input, expected) => {
    expect(sanitizeHtml(input)).toBe(expected);
  });
});

describe('sanitizeHtml SVG and MathML', () => {
  it.each([
    [
      'bare svg gets its namespace, camelCase restored, attributes sorted',
      '<svg version="1.1" baseProfile="full" width="300px"><circle cx="1" r="2" fill="#ff0000" /></svg>',
      '<svg baseProfile="full" version="1.1" width="300px" xmlns="http://www.w3.org/2000/svg"><circle cx="1" fill="#ff0000" r="2"></circle></svg>',
    ],
    [
      'svg with a foreign namespace is not svg',
      '<svg xmlns="http://evil.test/"><circle r="1"/>text</svg>',
      'text',
    ],
    [
      'xlink namespace declared for xlink attributes',
      '<svg><a xlink:href="http://example.com/"><text>x</text></a></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg"><a xlink:href="http://example.com/" xmlns:xlink="http://www.w3.org/1999/xlink"><text>x</text></a></svg>',
    ],
    [
      'linearGradient and local paint references kept',
      '<svg><defs><lineargradient id="g"><stop offset="0" stop-color="red"/></lineargradient></defs><rect fill="url(#g)" width="1"/></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="g"><stop offset="0" stop-color="red"></stop></linearGradient></defs><rect fill="url(#g)" width="1"></rect></svg>',
    ],
    [
      'svg elements outside svg are dropped',
      '<circle r="1">x</circle>',
      'x',
    ],
    [
      'svg style attributes dropped as in feedparser',
      '<svg><rect style="fill: red;" width="1"/></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1"></rect></svg>',
    ],
    [
      'html inside svg may use svg paint properties in style',
      '<svg><foreignObject><div style="fill: red; color: blue;">x</div></foreignObject></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div style="fill: red; color: blue;">x</div></foreignObject></svg>',
    ],
    [
      'mathml with xlink',
      '<math xmlns="http://www.w3.org/1998/Math/MathML"><mrow xlink:type="simple" xlink:href="http://golem.ph.utexas.edu"><mi>a</mi><mo>+</mo><mi>b</mi></mrow></math>',
      '<math xmlns="http://www.w3.org/1998/Math/MathML"><mrow xlink:href="http://golem.ph.utexas.edu" xlink:type="simple" xmlns:xlink="http://www.w3.org/1999/xlink"><mi>a</mi><mo>+</mo><mi>b</mi></mrow></math>',
    ],
    [
      'mathml elements outside math are dropped',
      '<mi>x</mi>',
      'x',
    ],
  ])('%s', (_name, input, expected) => {
    expect(sanitizeHtml(input)).toBe(expected);
  });
});

describe('sanitizeHtml relative URL resolution', () => {
  const base = 'http://example.com/dir/page.html?q=1';
  it.each([
    ['<a href="/relative/uri">click here</a>', '<a href="http://example.com/relative/uri">click here</a>'],
    ['<a href="other.html">x</a>', '<a href="http://example.com/dir/other.html">x</a>'],
    ['<a href="../up">x</a>', '<a href="http://example.com/up">x</a>'],
    ['<a href="#frag">x</a>', '<a href="http://example.com/dir/page.html?q=1#frag">x</a>'],
    ['<a href="?x=1&amp;y=2">x</a>', '<a href="http://example.com/dir/page.html?x=1&amp;y=2">x</a>'],
    ['<a href="//cdn.test/a">x</a>', '<a href="http://cdn.test/a">x</a>'],
    ['<a href=" /spaces ">x</a>', '<a href="http://example.com/spaces">x</a>'],
    ['<a href="&#192;">x</a>', '<a href="http://example.com/dir/\u00c0">x</a>'],
    ['<a href="https://other.test/abs">x</a>', '<a href="https://other.test/abs">x</a>'],
    ['<a href="mailto:a@b.test">x</a>', '<a href="mailto:a@b.test">x</a>'],
    ['<img src="i.png" longdesc="d.html" usemap="#m">', '<img longdesc="http://example.com/dir/d.html" src="http://example.com/dir/i.png" usemap="http://example.com/dir/page.html?q=1#m" />'],
    ['<blockquote cite="c">q</blockquote><q cite="c">q</q><del cite="c">d</del><ins cite="c">i</ins>',
      '<blockquote cite="http://example.com/dir/c">q</blockquote><q cite="http://example.com/dir/c">q</q><del cite="http://example.com/dir/c">d</del><ins cite="http://example.com/dir/c">i</ins>'],
    ['<video poster="p.jpeg" src="v.mp4"><source src="s.webm"></video>', '<video poster="http://example.com/dir/p.jpeg" src="http://example.com/dir/v.mp4"><source src="http://example.com/dir/s.webm" /></video>'],
    ['<audio src="a.mp3"></audio>', '<audio src="http://example.com/dir/a.mp3"></audio>'],
    ['<table background="bg.gif"><tr><td>x</td></tr></table>', '<table background="http://example.com/dir/bg.gif"><tr><td>x</td></tr></table>'],
    ['<svg><a xlink:href="p.svg"><text>x</text></a></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg"><a xlink:href="http://example.com/dir/p.svg" xmlns:xlink="http://www.w3.org/1999/xlink"><text>x</text></a></svg>'],
    ['<a href="">empty</a>', '<a href="">empty</a>'],
  ])('%s', (input, expected) => {
    expect(sanitizeHtml(input, { base })).toBe(expected);
  });

  it('leaves relative URLs relative without a base', () => {
    expect(sanitizeHtml('<a href="/x">x</a><img src="y.png">')).toBe('<a href="/x">x</a><img src="y.png" />');
  });

  it('keeps non-ASCII characters as written (no percent-encoding)', () => {
    expect(sanitizeHtml('<a href="\u00c0">uri</a>', { base: 'http://any.test/' })).toBe('<a href="http://any.test/\u00c0">uri</a>');
  });
});

describe('externalLinkRel (republished HTML)', () => {
  const rel = (html: string, base?: string) => sanitizeHtml(html, { externalLinkRel: true, ...(base ? { base } : {}) });

  it.each([
    ['<a href="https://other.test/a">x</a>', '<a href="https://other.test/a" rel="noopener noreferrer">x</a>'],
    ['<a href="//cdn.test/a">x</a>', '<a href="//cdn.test/a" rel="noopener noreferrer">x</a>'],
    ['<a href="https://o.test/" rel="nofollow NoOpener" title="t">x</a>', '<a href="https://o.test/" rel="nofollow noopener noreferrer" title="t">x</a>'],
    // Nowhere else to go: a fragment, a mailto:, an emptied javascript: URL, or no href.
    ['<a href="#frag">x</a>', '<a href="#frag">x</a>'],
    ['<a href="mailto:a@b.test">x</a>', '<a href="mailto:a@b.test">x</a>'],
    ['<a href="javascript:alert(1)">x</a>', '<a href="">x</a>'],
    ['<a name="n">x</a>', '<a name="n">x</a>'],
  ])('%s', (input, expected) => {
    expect(rel(input)).toBe(expected);
  });

  it('decides on the resolved URL: a relative link in an item with a base leads to the outlet', () => {
    expect(rel('<a href="/p">p</a>', 'https://outlet.test/feed')).toBe('<a href="https://outlet.test/p" rel="noopener noreferrer">p</a>');
    expect(rel('<a href="/p">p</a>')).toBe('<a href="/p">p</a>');
  });

  it('is off by default (feedparser\'s sanitiser exactly), and idempotent when on', () => {
    expect(sanitizeHtml('<a href="https://other.test/a">x</a>')).toBe('<a href="https://other.test/a">x</a>');
    const once = rel('<p>a <a href="https://o.test/" rel="x">b</a> <a href="/c">c</a></p>');
    expect(rel(once)).toBe(once);
  });
});
