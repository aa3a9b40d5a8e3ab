import { describe, expect, it } from 'vitest';
import { classifyMediaType, parseContentType } from '../../../src/parse/decode/index.js';

describe('parseContentType', () => {
  it.each<[string | undefined, string, string | undefined]>([
    [undefined, '', undefined],
    ['text/xml', 'text/xml', undefined],
    ['Application/RSS+XML; Charset=UTF-8', 'application/rss+xml', 'utf-8'],
    ['text/xml;charset= "us-ascii"', 'text/xml', 'us-ascii'],
    ["application/atom+xml;charset='gb2312'", 'application/atom+xml', 'gb2312'],
    ['text/xml;charset = us-ascii', 'text/xml', 'us-ascii'],
    ['text/xml; charset:iso-8859-1', 'text/xml', undefined],
    ['text/xml;', 'text/xml', undefined],
    ['text/xml; qs=0.9', 'text/xml', undefined],
  ])('%s', (header, mediaType, charset) => {
    expect(parseContentType(header)).toEqual({ mediaType, ...(charset ? { charset } : {}) });
  });
});

describe('classifyMediaType', () => {
  it.each([
    ['application/xml', 'xml-application'],
    ['application/rss+xml', 'xml-application'],
    ['application/xml-dtd', 'xml-application'],
    ['text/xml', 'xml-text'],
    ['text/atom+xml', 'xml-text'],
    ['application/feed+json', 'json'],
    ['application/json', 'json'],
    ['text/plain', 'other-text'],
    ['text/html', 'other-text'],
    ['application/octet-stream', 'other'],
  ])('%s is %s', (mediaType, kind) => {
    expect(classifyMediaType(mediaType)).toBe(kind);
  });
});
