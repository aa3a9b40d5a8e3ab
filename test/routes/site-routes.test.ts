import { describe, expect, it } from 'vitest';
import { parseRoute, sitePaths } from '../../src/routes/index.js';
import type { SiteRoute } from '../../src/routes/index.js';

// The two directions of the site's URL scheme: every path sitePaths builds parses back to what it names.
describe.each(['https://news.example.com/', 'https://example.com/news/'])('site served at %s', (baseUrl) => {
  const paths = sitePaths(baseUrl);
  const prefix = paths.home.replace(/\/$/, '');
  const cases: [string, string, SiteRoute][] = [
    ['home', paths.home, { kind: 'feed-page', feedId: 'front' }],
    ['feed page', paths.feedPage('vendor news'), { kind: 'feed-page', feedId: 'vendor news' }],
    ['RSS', paths.feedFile('security', 'rss'), { kind: 'feed-file', feedId: 'security', format: 'rss' }],
    ['Atom', paths.feedFile('security', 'atom'), { kind: 'feed-file', feedId: 'security', format: 'atom' }],
    ['JSON Feed', paths.feedFile('a.b', 'json'), { kind: 'feed-file', feedId: 'a.b', format: 'json' }],
    ['archive', paths.archive, { kind: 'archive' }],
    ['archive month', paths.archiveMonth(2026, 3), { kind: 'archive-month', year: 2026, month: 3, page: 1 }],
    ['archive page', paths.archiveMonth(2026, 12, 4), { kind: 'archive-month', year: 2026, month: 12, page: 4 }],
    ['story', paths.story('42'), { kind: 'story', storyId: 42 }],
    ['sources', paths.sources, { kind: 'sources' }],
    ['OPML', paths.opml, { kind: 'opml' }],
    ['status', paths.status, { kind: 'status' }],
    ['search', paths.search(), { kind: 'search' }],
  ];
  it.each(cases)('%s: %s', (_name, path, route) => {
    expect(parseRoute(path, prefix, 'front')).toEqual(route);
  });

  it('builds the feed files with the extensions it parses', () => {
    expect([paths.feedFile('x', 'rss'), paths.feedFile('x', 'atom'), paths.feedFile('x', 'json')]).toEqual(
      [`${prefix}/feeds/x.xml`, `${prefix}/feeds/x.atom`, `${prefix}/feeds/x.json`],
    );
  });

  it('reads an unknown extension as part of the feed id, and names nothing outside the prefix', () => {
    expect(parseRoute(`${prefix}/feeds/x.html`, prefix, 'front')).toEqual({ kind: 'feed-page', feedId: 'x.html' });
    expect(parseRoute(`${prefix}/archive/2026/13`, prefix, 'front')).toBeUndefined();
    if (prefix) expect(parseRoute('/feeds/x.xml', prefix, 'front')).toBeUndefined();
  });
});
