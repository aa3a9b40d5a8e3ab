import { describe, expect, it } from 'vitest';
import { documentUrl, parseInputFrom } from '../../src/ingest/index.js';

describe('documentUrl', () => {
  const finalUrl = 'https://example.org/feeds/main.xml';
  it.each([
    [{}, finalUrl],
    [{ 'content-location': 'https://cdn.example.org/x/feed.xml' }, 'https://cdn.example.org/x/feed.xml'],
    [{ 'content-location': '/other/feed.xml' }, 'https://example.org/other/feed.xml'],
    [{ 'content-location': 'sub/feed.xml' }, 'https://example.org/feeds/sub/feed.xml'],
    [{ 'content-location': 'javascript:alert(1)' }, finalUrl],
    [{ 'content-location': '  ' }, finalUrl],
    [{ 'content-location': 'http://[bad' }, finalUrl],
  ])('%j → %s', (headers, expected) => {
    expect(documentUrl({ finalUrl, headers })).toBe(expected);
  });
});

describe('parseInputFrom', () => {
  it('carries the body, content type, language and base URL', () => {
    const body = Buffer.from('<rss/>');
    expect(parseInputFrom({
      body, finalUrl: 'https://a.example/f', contentType: 'text/xml; charset=utf-8',
      headers: { 'content-location': '/g', 'content-language': 'de-AT, en' },
    })).toEqual({ body, url: 'https://a.example/g', contentType: 'text/xml; charset=utf-8', contentLanguage: 'de-AT, en' });
    expect(parseInputFrom({ body, finalUrl: 'https://a.example/f', contentType: undefined, headers: {} })).toEqual({ body, url: 'https://a.example/f' });
  });
});
