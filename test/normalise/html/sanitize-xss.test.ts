import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '../../../src/normalise/html/index.js';
import { dangers } from './dangers.js';

/** Planted attacks and the exact safe output expected for each. */
const ATTACKS: Array<[name: string, input: string, expected: string]> = [
  ['script element', 'safe<script>alert(1)</script> description', 'safe description'],
  ['script with src', 'a<script src="http://evil.test/x.js"></script>b', 'ab'],
  ['mixed-case script', 'a<ScRiPt>alert(1)</sCrIpT>b', 'ab'],
  ['unclosed script swallows the rest', 'a<script>alert(1)<b>b</b>', 'a'],
  ['script end tag with whitespace', 'a<script>alert(1)</script\n\n>b', 'ab'],
  ['script inside a comment-like string', 'a<script><!--</script>-->b', 'a-->b'],
  ['split tag name', '<scr<script>ipt>alert(1)</script>', 'ipt>alert(1)'],
  ['NUL inside tag name', 'a<scr\u0000ipt>alert(1)</script>b', 'ab'],
  ['img onerror', '<img src="x" onerror="alert(1)">', '<img src="x" />'],
  ['unquoted onerror', '<img src=x onerror=alert(1)>', '<img src="x" />'],
  ['event handler glued to previous attribute', '<img src="x"onerror="alert(1)">', '<img src="x" />'],
  ['every on* attribute', '<body onload="a()"><div onmouseover="b()" onclick="c()" onfocus="d()">x</div></body>', '<div>x</div>'],
  ['javascript: href', '<a href="javascript:alert(1)">x</a>', '<a href="">x</a>'],
  ['upper-case scheme', '<a href="JaVaScRiPt:alert(1)">x</a>', '<a href="">x</a>'],
  ['tab reference inside scheme', '<a href="jav&#x09;ascript:alert(1)">x</a>', '<a href="">x</a>'],
  ['newline reference inside scheme', '<a href="jav&#x0A;ascript:alert(1)">x</a>', '<a href="">x</a>'],
  ['raw tab inside scheme', '<a href="jav\tascript:alert(1)">x</a>', '<a href="">x</a>'],
  ['decimal references for the whole scheme', '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>', '<a href="">x</a>'],
  ['references without semicolons', '<a href="&#106&#97&#118&#97&#115&#99&#114&#105&#112&#116&#58alert(1)">x</a>', '<a href="">x</a>'],
  ['named colon reference', '<a href="javascript&colon;alert(1)">x</a>', '<a href="">x</a>'],
  ['leading spaces and controls', '<a href=" \u0001 javascript:alert(1)">x</a>', '<a href="">x</a>'],
  ['control character reference inside scheme', '<a href="java&#1;script:alert(1)">x</a>', '<a href="">x</a>'],
  ['vbscript:', '<a href="vbscript:msgbox(1)">x</a>', '<a href="">x</a>'],
  ['data: link', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', '<a href="">x</a>'],
  ['data: image', '<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">', '<img src="" />'],
  ['javascript: img src', '<img src="javascript:alert(1)">', '<img src="" />'],
  ['javascript: in dynsrc/lowsrc', '<img dynsrc="javascript:alert(1)" lowsrc="javascript:alert(2)">', '<img dynsrc="" lowsrc="" />'],
  ['javascript: in background', '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>', '<table background=""><tr><td>x</td></tr></table>'],
  ['javascript: resolved against a base is still refused', '<a href="javascript:alert(1)">x</a>', '<a href="">x</a>'],
  ['svg script', '<svg><script>alert(1)</script><circle r="1"/></svg>', '<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"></circle></svg>'],
  ['svg onload', '<svg onload="alert(1)"></svg>', '<svg xmlns="http://www.w3.org/2000/svg"></svg>'],
  ['svg javascript: link', '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><a xlink:href="" xmlns:xlink="http://www.w3.org/1999/xlink"><text>x</text></a></svg>'],
  ['svg animate rewriting href', '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><a><text>x</text></a></svg>'],
  ['svg set', '<svg><a><set attributeName="xlink:href" to="javascript:alert(1)"/>x</a></svg>', '<svg xmlns="http://www.w3.org/2000/svg"><a>x</a></svg>'],
  ['svg use with data:', '<svg><use xlink:href="data:image/svg+xml,&lt;svg onload=alert(1)&gt;"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><use xlink:href="" xmlns:xlink="http://www.w3.org/1999/xlink"></use></svg>'],
  ['svg xml:base', '<svg><a xml:base="javascript:alert(1)//" xlink:href="x"><text>y</text></a></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><a xlink:href="x" xml:base="" xmlns:xlink="http://www.w3.org/1999/xlink"><text>y</text></a></svg>'],
  ['svg external paint', '<svg><rect fill="url(http://evil.test/p.svg#g)" width="1"/></svg>', '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1"></rect></svg>'],
  ['svg escaped url paint', '<svg><rect fill="\\75 rl(http://evil.test/p.svg#g)" width="1"/></svg>', '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1"></rect></svg>'],
  ['svg style element', '<svg><style>@import url(http://evil.test/x.css);</style></svg>', '<svg xmlns="http://www.w3.org/2000/svg"></svg>'],
  ['mathml javascript: href', '<math><mi href="javascript:alert(1)">x</mi></math>', '<math xmlns="http://www.w3.org/1998/Math/MathML"><mi href="">x</mi></math>'],
  ['style element with @import', 'a<style>@import url(http://evil.test/x.css);</style>b', 'ab'],
  ['style element unclosed', 'a<style>body{background:url(x)}', 'a'],
  ['style attribute with url()', '<p style="background:url(http://evil.test/x.png)">x</p>', '<p>x</p>'],
  ['style url() beside a safe declaration', '<p style="color: red; background-image: url(http://evil.test/x.png)">x</p>', '<p style="color: red;">x</p>'],
  ['style javascript: url() with parentheses', '<p style="color: red; background-image: url(javascript:alert(1))">x</p>', '<p>x</p>'],
  ['style expression()', '<p style="width: expression(alert(1))">x</p>', '<p>x</p>'],
  ['style behavior', '<p style="behavior: url(x.htc)">x</p>', '<p>x</p>'],
  ['style -moz-binding', '<p style="-moz-binding: url(http://evil.test/x.xml#b)">x</p>', '<p>x</p>'],
  ['style with CSS escapes', '<p style="background: u\\72 l(x)">x</p>', '<p>x</p>'],
  ['style with entity-encoded url', '<p style="background:&#117;rl(http://evil.test/)">x</p>', '<p>x</p>'],
  ['style @import in attribute', `<p style="@import 'http://evil.test/x.css'">x</p>`, '<p>x</p>'],
  ['style breaking out with braces', '<p style="color:red}body{background:url(x)">x</p>', '<p>x</p>'],
  ['iframe', 'a<iframe src="http://evil.test/"></iframe>b', 'ab'],
  ['iframe srcdoc', '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', ''],
  ['frameset', 'safe<frameset rows="*"><frame src="http://evil.test/"></frameset> description', 'safe description'],
  ['object', 'a<object data="http://evil.test/x.swf" classid="clsid:x"><param name="a" value="b"></object>b', 'ab'],
  ['embed', 'a<embed src="http://evil.test/x.swf">b', 'ab'],
  ['applet with content', 'a<applet code="x.class"><b>inside</b></applet>b', 'ab'],
  ['meta refresh', 'a<meta http-equiv="refresh" content="0; URL=http://evil.test/">b', 'ab'],
  ['base href', '<base href="http://evil.test/"><a href="/x">x</a>', '<a href="/x">x</a>'],
  ['link stylesheet', 'a<link rel="stylesheet" href="http://evil.test/x.css">b', 'ab'],
  ['form with formaction', '<form action="http://evil.test/"><input type="password" name="pw"><button formaction="javascript:alert(1)">Go</button></form>', 'Go'],
  ['comment hiding script from regexes', 'a<!--><script>alert(1)</script>-->b', 'a-->b'],
  ['conditional comment', '<!--[if gte IE 4]><script>alert(1)</script><![endif]-->x', 'x'],
  ['CDATA hiding script', '<![CDATA[<script>alert(1)</script>]]>', '&lt;![CDATA[]]>'],
  ['noscript breakout', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>',
    '<noscript><p title="&lt;/noscript&gt;&lt;img src=x onerror=alert(1)&gt;"></p></noscript>'],
  ['attribute breakout with quotes', `<span title='"><script>alert(1)</script>'>x</span>`, '<span title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">x</span>'],
  ['xmp raw text', '<xmp><script>alert(1)</script></xmp>', '&lt;script>alert(1)&lt;/script>'],
  ['title raw text', '<title></title><script>alert(1)</script></title>', ''],
  ['textarea raw text', '<textarea><script>alert(1)</script></textarea>', '&lt;script>alert(1)&lt;/script>'],
  ['plaintext', '<plaintext><script>alert(1)</script>', ''],
  ['template', '<template><script>alert(1)</script>t</template>', 't'],
  ['import via link in svg foreignObject', '<svg><foreignObject><link rel="import" href="http://evil.test/"></foreignObject></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject></foreignObject></svg>'],
];

describe('sanitizeHtml against planted XSS', () => {
  it.each(ATTACKS)('%s', (_name, input, expected) => {
    const output = sanitizeHtml(input, { base: 'http://example.com/feed/' });
    const outputWithoutBase = sanitizeHtml(input);
    expect(dangers(output)).toEqual([]);
    expect(dangers(outputWithoutBase)).toEqual([]);
    expect(outputWithoutBase).toBe(expected);
  });

  it('the danger detector itself finds planted dangers (so the check above can fail)', () => {
    expect(dangers('<img src="x" onerror="alert(1)">')).toEqual(['attribute onerror']);
    expect(dangers('<a href="jav&#x09;ascript:alert(1)">x</a>')).toEqual(['href=javascript:alert(1)']);
    expect(dangers('<p style="background:url(x)">')).toEqual(['style loads background:url(x)']);
    expect(dangers('<iframe src="x"></iframe>')).toEqual(['element <iframe>']);
  });
});
