import { expect, it } from 'vitest';
import { siteRouteLabel } from '../../src/server/route-label.js';

it('labels site paths by what they are, never by the raw path', () => {
  const html = 'text/html; charset=utf-8';
  expect(siteRouteLabel('/search', html)).toBe('search');
  expect(siteRouteLabel('/news/search', html)).toBe('search');
  expect(siteRouteLabel('/feeds/search', html)).toBe('page');
  expect(siteRouteLabel('/status', html)).toBe('page');
  expect(siteRouteLabel('/feeds/search.atom', 'application/atom+xml')).toBe('feed_atom');
  expect(siteRouteLabel('/stories/4', html)).toBe('story');
});
