import { describe, expect, it } from 'vitest';
import { findWellFormednessError } from '../../../src/parse/xml/strict.js';

describe('findWellFormednessError', () => {
  it.each([
    '<a/>',
    '<?xml version="1.0"?>\n<a b="1" c=\'2\'><b>x &amp; &#1; &#x1F; &foo;</b><![CDATA[ < & ]]><!-- <x> --></a>\n',
    '<a:b xmlns:a="urn:a"><a:c/></a:b>',
    '<a title="has name=value inside" name="x"/>',
  ])('accepts %s', (xml) => {
    expect(findWellFormednessError(xml)).toBeUndefined();
  });

  it.each<[string, RegExp]>([
    ['', /no root element/],
    ['<a>', /unclosed element <a>/],
    ['<a></b>', /end tag <\/b> does not match <a> \(line 1, column 4\)/],
    ['<a>\n</a></a>', /never opened \(line 2, column 5\)/],
    ['<a>x & y</a>', /'&' that starts no entity reference/],
    ['<a>x < y</a>', /bare '<'/],
    ['<a b=1/>', /malformed start tag/],
    ['<a b="1" b="2"/>', /attribute b is repeated/],
    ['<a/><b/>', /more than one root element/],
    ['<a/>text', /text outside the root element/],
    ['<a><!-- x </a>', /unclosed comment/],
    ['<a><![CDATA[ x </a>', /unclosed CDATA/],
    [' <a><?xml version="1.0"?></a>', /XML declaration not at the start/],
  ])('rejects %j', (xml, message) => {
    expect(findWellFormednessError(xml)).toMatch(message);
  });
});
