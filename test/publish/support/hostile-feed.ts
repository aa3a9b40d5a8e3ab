import type { CuratedFeed } from '../../../src/model/index.js';
import type { SiteInfo, SourceHealth } from '../../../src/publish/index.js';

// Script, event handlers and javascript: URLs planted everywhere a feed or an operator can put
// text or a URL. Summary/content are sanitised upstream, so they stay benign here.

const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';
const BREAKOUT = '"><svg onload=alert(1)>';
const JS_URL = 'javascript:alert(1)';

/** A site whose own names carry markup. */
export const HOSTILE_SITE: SiteInfo = {
  title: `Evil ${SCRIPT} site`,
  baseUrl: 'https://headlines.example.org',
  description: `</title>${SCRIPT}`,
  language: 'en"><script>alert(1)</script>',
  feeds: [
    { id: 'headlines', title: `Headlines ${IMG}` },
    { id: `x"><script>alert(1)</script>`, title: BREAKOUT },
  ],
};

/** A curated feed with hostile titles, outlet names, vendors, categories, authors and URLs. */
export function hostileFeed(): CuratedFeed {
  return {
    id: 'headlines',
    title: `</title>${SCRIPT}`,
    description: IMG,
    language: 'en"><script>alert(1)</script>',
    pageUrl: 'https://headlines.example.org/',
    feedUrls: {
      rss: 'https://headlines.example.org/feeds/headlines.xml',
      atom: 'https://headlines.example.org/feeds/headlines.atom',
      json: 'https://headlines.example.org/feeds/headlines.json',
    },
    site: { title: `Evil ${SCRIPT} site`, url: 'https://headlines.example.org' },
    hubs: [JS_URL, 'data:text/html,<script>alert(1)</script>', 'https://hub.example.com/"onmouseover="alert(1)'],
    updated: '2024-05-02T15:00:00Z',
    entries: [
      {
        id: `urn:x:${SCRIPT}`,
        storyId: `"><script>alert(1)</script>`,
        title: `${SCRIPT} ${IMG} ]]> <![CDATA[ x`,
        url: JS_URL,
        summaryHtml: '<p>Benign summary.</p>',
        contentHtml: '',
        published: '2024-05-02T14:00:00Z',
        updated: '2024-05-02T14:00:00Z',
        authors: [{ name: SCRIPT, email: `a@b.c${IMG}`, url: 'javascript:alert(2)' }],
        categories: [`<b onmouseover=alert(1)>cat</b>`, BREAKOUT],
        enclosures: [
          { url: 'javascript:alert(3)', type: 'audio/mpeg', length: 1 },
          { url: 'https://cdn.example.com/a.mp3', type: 'audio/mpeg" onload="alert(1)', length: 5 },
        ],
        source: { id: 'evil', title: IMG, siteUrl: ' JaVaScRiPt:alert(4)', feedUrl: 'vbscript:msgbox(1)' },
        vendors: [{ id: 'v"><script>', name: BREAKOUT }],
        mentions: [{ id: 'v"><script>', name: BREAKOUT }],
        coverage: [
          { source: 'evil', sourceTitle: IMG, url: JS_URL, id: SCRIPT, published: 'not a date', vendors: ['v"><script>'], mentions: ['v"><script>'] },
          {
            source: 'evil2',
            sourceTitle: `${SCRIPT}Outlet`,
            url: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
            id: 'x',
            published: null,
            vendors: [],
            mentions: [],
          },
          { source: 'evil3', sourceTitle: BREAKOUT, url: '//evil.example.com/protocol-relative', id: 'y', published: null, vendors: [], mentions: [] },
        ],
      },
    ],
  };
}

/** Sources whose names, URLs and errors carry markup. */
export const HOSTILE_SOURCES: SourceHealth[] = [
  {
    id: `evil${SCRIPT}`,
    title: IMG,
    url: JS_URL,
    siteUrl: 'javascript:alert(5)',
    lastSuccessAt: null,
    lastError: `HTTP_STATUS: ${SCRIPT}`,
    errorCount: 3,
    items7d: 0,
  },
];
