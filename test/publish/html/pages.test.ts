import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  PAGE_CSP,
  PAGE_CSS,
  PAGE_STYLE_HASH,
  renderArchiveIndex,
  renderArchiveMonth,
  renderFeedPage,
  renderNotFound,
  renderSourcesPage,
  renderStoryPage,
  type SiteInfo,
  type SourceHealth,
} from '../../../src/publish/index.js';
import { expectFixture } from '../support/expect-fixture.js';
import { executableProblems, startTags, withoutSearchBox } from '../support/markup-scan.js';
import { ALL_FAILING, SITE, emptyFeed, sampleFeed } from '../support/sample-feed.js';
import { defined } from '../support/defined.js';

const feed = sampleFeed();
const story = defined(feed.entries[0]);
const MONTHS = [
  { year: 2024, month: 3, count: 7 },
  { year: 2024, month: 5, count: 120 },
  { year: 2023, month: 12, count: 2 },
  { year: 2024, month: 4, count: 0 },
];
const SOURCES: SourceHealth[] = [
  {
    id: 'lwn',
    title: 'LWN.net',
    url: 'https://lwn.net/headlines/rss',
    siteUrl: 'https://lwn.net/',
    lastSuccessAt: '2024-05-02T15:00:00Z',
    lastError: null,
    errorCount: 0,
    items7d: 41,
  },
  {
    id: 'register',
    title: 'The Register',
    url: 'https://www.theregister.com/headlines.atom',
    siteUrl: null,
    lastSuccessAt: null,
    lastError: 'DNS: getaddrinfo ENOTFOUND www.theregister.com',
    errorCount: 4,
    items7d: 0,
  },
];
const failingEverywhere = SOURCES.map((s) => ({ ...s, lastSuccessAt: null, lastError: 'DNS: no route', errorCount: 2 }));

const PAGES: [string, () => string][] = [
  ['home.html', () => renderFeedPage({ site: SITE, feed })],
  ['home-empty.html', () => renderFeedPage({ site: SITE, feed: emptyFeed(), status: ALL_FAILING })],
  ['story.html', () => renderStoryPage({ site: SITE, story: { id: story.storyId, entry: story, coverage: story.coverage } })],
  ['archive.html', () => renderArchiveIndex({ site: SITE, months: MONTHS })],
  [
    'archive-month.html',
    () => renderArchiveMonth({ site: SITE, year: 2024, month: 5, page: 2, pages: 3, entries: feed.entries, months: MONTHS }),
  ],
  ['sources.html', () => renderSourcesPage({ site: SITE, sources: SOURCES })],
  ['not-found.html', () => renderNotFound({ site: SITE, message: 'No story with id 42.' })],
];

describe('page snapshots', () => {
  it.each(PAGES)('%s', (file, render) => {
    expectFixture(file, render());
  });
});

describe('every page', () => {
  it.each(PAGES)('%s has doctype, lang, charset, viewport, autodiscovery, navigation and no script', (_file, render) => {
    const page = render();
    expect(page.startsWith('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')).toBe(true);
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page).toContain('<link rel="alternate" type="application/rss+xml" title="All headlines (RSS)" href="https://headlines.example.org/feeds/headlines.xml">');
    expect(page).toContain('<link rel="alternate" type="application/atom+xml"');
    expect(page).toContain('<link rel="alternate" type="application/feed+json"');
    for (const path of ['/', '/feeds/vmware', '/archive', '/sources']) expect(page).toContain(`<a href="${path}"`);
    expect(executableProblems(withoutSearchBox(page))).toEqual([]);
    expect(page).not.toMatch(/<script|\sstyle="/i);
  });

  it.each(PAGES)('%s: every link to another site has rel="noopener noreferrer", and no link to ours has it', (_file, render) => {
    const links = startTags(render()).filter((t) => t.name === 'a' && t.attributes.href !== undefined);
    for (const link of links) {
      const offSite = /^https?:\/\//.test(link.attributes.href ?? '');
      expect(link.attributes.rel?.split(' ').filter((r) => r === 'noopener' || r === 'noreferrer') ?? [], link.attributes.href).toEqual(
        offSite ? ['noopener', 'noreferrer'] : [],
      );
    }
  });

  it.each(PAGES)('%s inlines exactly the stylesheet the CSP hash allows', (_file, render) => {
    const styles = [...render().matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
    expect(styles).toEqual([PAGE_CSS]);
    const hash = `'sha256-${createHash('sha256').update(styles[0] ?? '').digest('base64')}'`;
    expect(hash).toBe(PAGE_STYLE_HASH);
    expect(PAGE_CSP).toContain(`style-src ${hash}`);
  });

  it('the CSP allows no script, frames, forms or base, and only https images', () => {
    const directives = Object.fromEntries(PAGE_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives).toEqual({
      'default-src': "'none'",
      'style-src': PAGE_STYLE_HASH,
      'img-src': 'https:',
      'base-uri': "'none'",
      'form-action': "'self'",
      'frame-ancestors': "'none'",
    });
  });

  it('honours a base URL with a path prefix in every site link', () => {
    const site: SiteInfo = { ...SITE, baseUrl: 'https://example.org/news' };
    const page = renderArchiveMonth({ site, year: 2024, month: 5, page: 1, pages: 2, entries: feed.entries });
    const hrefs = startTags(page)
      .map((t) => t.attributes.href ?? '')
      .filter((href) => href.startsWith('/'));
    expect(hrefs.length).toBeGreaterThan(5);
    for (const href of hrefs) expect(href).toMatch(/^\/news\//);
    expect(page).toContain('href="https://example.org/news/feeds/headlines.xml"');
  });
});

describe('renderFeedPage', () => {
  const page = renderFeedPage({ site: SITE, feed });

  it.each([
    ['links each title to the original', '<h2><a href="https://lwn.net/Articles/970001/" rel="noopener noreferrer">VMware joins the Linux Foundation</a></h2>'],
    ['links to the story page when there is no original', '<h2><a href="/stories/bare-1">Kernel 6.9 ]]&gt; released</a></h2>'],
    ['names the outlet and the time', '<a href="https://lwn.net/" rel="noopener noreferrer">LWN.net</a> · <time datetime="2024-05-02T14:03:00Z">2024-05-02 14:03 UTC</time>'],
    ['shows vendor badges', '<li class="badge">VMware</li><li class="badge">Linux Foundation</li>'],
    ['shows the sanitised summary as HTML', '<div class="summary"><p>VMware has joined the <a href="https://www.linuxfoundation.org/" rel="noopener noreferrer">'],
    [
      'lists the other outlets, linked, once each',
      'Also covered by: <a href="https://www.theregister.com/2024/05/02/vmware_lf/?utm_source=rss&amp;td=a" rel="noopener noreferrer">The Register</a>, <a href="https://www.phoronix.com/news/VMware-LF" rel="noopener noreferrer">Phoronix</a> · <a href="/stories/vmw-lf-2024">all 3 outlets</a>',
    ],
    ['escapes titles', 'Episode 42: &quot;Containers&quot; &amp; VMs, 1 &lt; 2 — AT&amp;T moves to KVM'],
    ['marks the current navigation item', '<a href="/" aria-current="page">Headlines</a>'],
  ])('%s', (_what, expected) => {
    expect(page).toContain(expected);
  });

  it('advertises only its own feed for autodiscovery', () => {
    expect(page).not.toContain('/feeds/vmware.xml');
    const vmware = renderFeedPage({ site: SITE, feed: { ...feed, id: 'vmware', title: 'VMware news' } });
    expect(vmware).toContain('href="https://headlines.example.org/feeds/vmware.xml"');
    expect(vmware).toContain('<a href="/feeds/vmware" aria-current="page">VMware news</a>');
    expect(vmware).toContain('<title>VMware news · Hosting &amp; Cloud Headlines</title>');
  });

  it.each([
    [
      'every source failing',
      ALL_FAILING,
      'No headlines yet — sources are fetched every 30 minutes; last attempt <time datetime="2024-05-02T15:30:00Z">2024-05-02 15:30 UTC</time>. <span class="bad">Every source failed its last fetch</span> — see <a href="/sources">Sources</a>.',
    ],
    [
      'some failing, hourly',
      { intervalMinutes: 60, lastAttemptAt: '2024-05-02T15:30:00Z', sourcesTotal: 15, sourcesFailing: 2 },
      'sources are fetched every hour; last attempt <time datetime="2024-05-02T15:30:00Z">2024-05-02 15:30 UTC</time>. <span class="bad">2 of 15 sources failed their last fetch</span>',
    ],
    [
      'never attempted',
      { intervalMinutes: 1, lastAttemptAt: null, sourcesTotal: 3, sourcesFailing: 0 },
      'No headlines yet — sources are fetched every minute; last attempt not made yet.</p>',
    ],
    ['no status known', undefined, '<p class="empty">No headlines yet.</p>'],
  ])('empty state: %s', (_what, status, expected) => {
    const empty = renderFeedPage({ site: SITE, feed: emptyFeed(), ...(status ? { status } : {}) });
    expect(empty).toContain(expected);
    expect(empty).not.toContain('<ol class="entries">');
  });
});

describe('archive pages', () => {
  it('lists months with headlines, newest first, grouped by year', () => {
    const page = renderArchiveIndex({ site: SITE, months: MONTHS });
    const links = [...page.matchAll(/<a href="(\/archive\/[^"]+)">([^<]+)<\/a> <span class="muted">\((\d+)\)/g)].map((m) => [m[1], m[2], m[3]]);
    expect(links).toEqual([
      ['/archive/2024/05', 'May 2024', '120'],
      ['/archive/2024/03', 'March 2024', '7'],
      ['/archive/2023/12', 'December 2023', '2'],
    ]);
    expect(page.indexOf('<h2>2024</h2>')).toBeLessThan(page.indexOf('<h2>2023</h2>'));
  });

  it('says the archive is empty instead of showing a blank page', () => {
    expect(renderArchiveIndex({ site: SITE, months: [], status: ALL_FAILING })).toContain(
      'The archive is empty: no headlines have been stored yet — sources are fetched every 30 minutes',
    );
  });

  it.each([
    [1, 3, null, '/archive/2024/05/page/2'],
    [2, 3, '/archive/2024/05', '/archive/2024/05/page/3'],
    [3, 3, '/archive/2024/05/page/2', null],
    [1, 1, null, null],
  ])('page %i of %i links prev %s and next %s', (page, pages, prev, next) => {
    const html = renderArchiveMonth({ site: SITE, year: 2024, month: 5, page, pages, entries: feed.entries, months: MONTHS });
    const rel = (name: string): string | null => startTags(html).find((t) => t.attributes.rel === name)?.attributes.href ?? null;
    expect(rel('prev')).toBe(prev);
    expect(rel('next')).toBe(next);
  });

  it('links the nearest months that have headlines (skipping empty ones), else calendar neighbours', () => {
    const withList = renderArchiveMonth({ site: SITE, year: 2024, month: 3, page: 1, pages: 1, entries: [], months: MONTHS });
    expect(withList).toContain('<a href="/archive/2024/05">← May 2024</a>');
    expect(withList).toContain('<a href="/archive/2023/12">December 2023 →</a>');
    expect(withList).toContain('No headlines on this page.');
    const oldest = renderArchiveMonth({ site: SITE, year: 2023, month: 12, page: 1, pages: 1, entries: [], months: MONTHS });
    expect(oldest).not.toContain('November 2023');
    const calendar = renderArchiveMonth({ site: SITE, year: 2024, month: 1, page: 1, pages: 1, entries: [] });
    expect(calendar).toContain('<a href="/archive/2024/02">← February 2024</a>');
    expect(calendar).toContain('<a href="/archive/2023/12">December 2023 →</a>');
  });
});

describe('renderStoryPage', () => {
  const page = renderStoryPage({ site: SITE, story: { id: story.storyId, entry: story, coverage: story.coverage } });

  it('shows the headline, summary and a link to the original', () => {
    expect(page).toContain('<h1>VMware joins the Linux Foundation</h1>');
    expect(page).toContain('<a href="https://lwn.net/Articles/970001/" rel="noopener noreferrer">Read the original at LWN.net →</a>');
    expect(page).toContain('<div class="summary"><p>VMware has joined');
  });

  it('lists every item of the story with its outlet, link, time and vendors', () => {
    const rows = [...page.matchAll(/<tr><td>(.*?)<\/td><td>(.*?)<\/td><td>(.*?)<\/td><\/tr>/g)].map((m) => [m[1], m[3]]);
    expect(rows).toEqual(
      story.coverage.map((c) => [
        c.url ? `<a href="${c.url.replace(/&/g, '&amp;')}" rel="noopener noreferrer">${c.sourceTitle}</a>` : c.sourceTitle,
        c.vendors.map((v) => (v === 'vmware' ? 'VMware' : 'Linux Foundation')).join(', '),
      ]),
    );
    expect(page).toContain('<h2>Carried by 3 outlets</h2>');
    expect(page).toContain('<td>unknown</td>');
  });
});

describe('the story page: share, return and print', () => {
  const page = renderStoryPage({ site: SITE, story: { id: story.storyId, entry: story, coverage: story.coverage } });
  const storyUrl = 'https://headlines.example.org/stories/vmw-lf-2024';
  const share = page.slice(page.indexOf('<section class="share-links"'), page.indexOf('</section>'));

  it('shares the story by e-mail and the common share URLs, each carrying its own absolute URL, with no script', () => {
    const hrefs = startTags(share).filter((t) => t.name === 'a').map((t) => t.attributes.href ?? '');
    expect(hrefs.map((href) => new URL(href).protocol + (href.startsWith('mailto:') ? '' : new URL(href).host))).toEqual([
      'mailto:',
      'https:x.com',
      'https:www.linkedin.com',
      'https:www.facebook.com',
      'https:www.reddit.com',
      'https:news.ycombinator.com',
      'https:bsky.app',
    ]);
    for (const href of hrefs) expect(decodeURIComponent(href)).toContain(storyUrl);
    expect(decodeURIComponent(defined(hrefs[0]))).toBe(`mailto:?subject=${story.title}&body=${story.title}\n\n${storyUrl}`);
    expect(share).toContain('<h2 id="share-heading">Share with:</h2>');
    expect(executableProblems(share)).toEqual([]);
  });

  it('ends with the way back to the headlines and the archive', () => {
    const foot = page.slice(page.indexOf('<nav class="return-links"'), page.indexOf('</main>'));
    expect(foot).toBe('<nav class="return-links" aria-label="Return"><ul>\n<li><a href="/">← Return to the headlines</a></li>\n<li><a href="/archive">View the news archive</a></li>\n</ul></nav>\n');
  });

  it('has a print stylesheet that hides navigation, search, footer and share links, and prints each outlet link', () => {
    const print = /@media print\{([\s\S]*?)\n\}/.exec(PAGE_CSS)?.[1] ?? '';
    expect(print).toMatch(/header,footer,nav,\.share-links,\.search,\.pager\{display:none\}/);
    expect(print).toContain('.outlets td a::after{content:" <" attr(href) ">"');
    expect(page).toContain('<div class="table outlets">');
  });
});

describe('renderSourcesPage', () => {
  it.each([
    ['says plainly when every source fails', failingEverywhere, 'Every source is failing: feedloom could not fetch any of the 2 feeds'],
    ['counts failing sources', SOURCES, '1 of 2 sources are failing'],
    ['says when all are well', [defined(SOURCES[0]), defined(SOURCES[0])], 'All 2 sources are fetching normally.'],
    ['says when all is well', [defined(SOURCES[0])], 'The one source is fetching normally.'],
    ['says when there are none', [], 'No sources are configured.'],
  ])('%s', (_what, sources, expected) => {
    expect(renderSourcesPage({ site: SITE, sources })).toContain(expected);
  });

  it('shows each source with its status, last success, last error and items', () => {
    const page = renderSourcesPage({ site: SITE, sources: SOURCES });
    expect(page).toContain('<td><span class="bad">Failing (last 4 fetches)</span></td>');
    expect(page).toContain('<td>never</td>');
    expect(page).toContain('<td>DNS: getaddrinfo ENOTFOUND www.theregister.com</td>');
    expect(page).toContain('<td><time datetime="2024-05-02T15:00:00Z">2024-05-02 15:00 UTC</time></td>');
    expect(page).toContain('<td>41</td>');
    expect(page).toContain('The Register<br><span class="muted"><a href="https://www.theregister.com/headlines.atom" rel="noopener noreferrer">feed</a> · register</span>');
  });
});

describe('renderNotFound', () => {
  it('says what is missing and links home', () => {
    const page = renderNotFound({ site: SITE, message: 'No story with id 42.' });
    expect(page).toContain('<h1>Not found</h1>\n<p>No story with id 42.</p>');
    expect(page).toContain('<a href="/">headlines</a>');
  });
});
