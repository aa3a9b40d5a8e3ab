import type { CuratedEntry, CuratedFeed } from '../../../src/model/index.js';
import type { IngestStatus, SiteInfo } from '../../../src/publish/index.js';

// Hand-built curated feed for the renderer tests: a story carried by three outlets, a podcast
// entry, an entry with nothing but a title, and the awkward text a real feed brings.

/** The site the sample feed belongs to. */
export const SITE: SiteInfo = {
  title: 'Hosting & Cloud Headlines',
  baseUrl: 'https://headlines.example.org',
  description: 'Industry news about hosting, cloud, virtualisation and Linux.',
  language: 'en',
  feeds: [
    { id: 'headlines', title: 'All headlines' },
    { id: 'vmware', title: 'VMware news' },
  ],
};

const STORY: CuratedEntry = {
  id: 'urn:feedloom:story:vmw-lf-2024',
  storyId: 'vmw-lf-2024',
  title: 'VMware joins the Linux Foundation',
  url: 'https://lwn.net/Articles/970001/',
  summaryHtml: '<p>VMware has joined the <a href="https://www.linuxfoundation.org/">Linux Foundation</a> as a Platinum member.</p>',
  contentHtml:
    '<p>VMware has joined the Linux Foundation as a Platinum member.</p><p><img src="https://lwn.net/images/vmw.png" alt="VMware logo"></p><pre>if (a]]>b) {}</pre>',
  published: '2024-05-02T14:03:00Z',
  updated: '2024-05-02T15:00:00Z',
  authors: [{ name: 'Jonathan Corbet', email: 'corbet@lwn.example', url: 'https://lwn.net/' }],
  categories: ['Kernel', 'vmware', 'Open source'],
  enclosures: [],
  source: { id: 'lwn', title: 'LWN.net', siteUrl: 'https://lwn.net/', feedUrl: 'https://lwn.net/headlines/rss' },
  vendors: [
    { id: 'vmware', name: 'VMware' },
    { id: 'linux-foundation', name: 'Linux Foundation' },
  ],
  mentions: [
    { id: 'vmware', name: 'VMware' },
    { id: 'broadcom', name: 'Broadcom' },
    { id: 'linux-foundation', name: 'Linux Foundation' },
  ],
  coverage: [
    {
      source: 'lwn',
      sourceTitle: 'LWN.net',
      url: 'https://lwn.net/Articles/970001/',
      id: 'https://lwn.net/Articles/970001/',
      published: '2024-05-02T14:03:00Z',
      vendors: ['vmware', 'linux-foundation'],
      mentions: ['vmware', 'linux-foundation'],
    },
    {
      source: 'register',
      sourceTitle: 'The Register',
      url: 'https://www.theregister.com/2024/05/02/vmware_lf/?utm_source=rss&td=a',
      id: 'tag:theregister.com,2024:vmware_lf',
      published: '2024-05-02T15:20:00Z',
      vendors: ['vmware'],
      mentions: ['vmware', 'broadcom'],
    },
    {
      source: 'phoronix',
      sourceTitle: 'Phoronix',
      url: 'https://www.phoronix.com/news/VMware-LF',
      id: 'https://www.phoronix.com/news/VMware-LF',
      published: null,
      vendors: ['vmware', 'linux-foundation'],
      mentions: ['vmware', 'linux-foundation'],
    },
    {
      source: 'register',
      sourceTitle: 'The Register',
      url: 'https://www.theregister.com/2024/05/03/vmware_lf_followup/',
      id: 'tag:theregister.com,2024:vmware_lf_followup',
      published: '2024-05-03T08:00:00Z',
      vendors: ['vmware'],
      mentions: ['vmware'],
    },
  ],
};

const PODCAST: CuratedEntry = {
  id: 'https://podcast.example.net/episodes/42',
  storyId: 'podcast-42',
  title: 'Episode 42: "Containers" & VMs, 1 < 2 — AT&T\u0001 moves\uFFFE to KVM',
  url: 'https://podcast.example.net/episodes/42?utm=a&b=c',
  summaryHtml: '<p>We talk about AT&amp;T moving to KVM.</p>',
  contentHtml: '',
  published: '2024-04-30T09:00:00Z',
  updated: '2024-04-30T09:00:00Z',
  authors: [{ email: 'host@podcast.example.net' }],
  categories: ['Podcast'],
  enclosures: [
    { url: 'https://cdn.podcast.example.net/ep42.mp3?token=a&sig=b', type: 'audio/mpeg', length: 31457280 },
    { url: 'ftp://cdn.podcast.example.net/ep42.ogg', type: 'audio/ogg', length: 0 },
  ],
  source: { id: 'podcast', title: 'Cloud Cast', siteUrl: 'https://podcast.example.net/', feedUrl: null },
  vendors: [],
  mentions: [],
  coverage: [
    {
      source: 'podcast',
      sourceTitle: 'Cloud Cast',
      url: 'https://podcast.example.net/episodes/42?utm=a&b=c',
      id: 'https://podcast.example.net/episodes/42',
      published: '2024-04-30T09:00:00Z',
      vendors: [],
      mentions: [],
    },
  ],
};

const BARE: CuratedEntry = {
  id: 'urn:feedloom:item:bare-1',
  storyId: 'bare-1',
  title: 'Kernel 6.9 ]]> released',
  url: null,
  summaryHtml: '',
  contentHtml: '',
  published: '2024-04-28T00:00:00Z',
  updated: '2024-04-28T00:00:00Z',
  authors: [],
  categories: [],
  enclosures: [],
  source: { id: 'kernel', title: 'kernel.org', siteUrl: null },
  vendors: [],
  mentions: [],
  coverage: [
    { source: 'kernel', sourceTitle: 'kernel.org', url: null, id: 'kernel-6.9', published: '2024-04-28T00:00:00Z', vendors: [], mentions: [] },
  ],
};

/** The sample curated feed: three entries, newest first, two WebSub hubs. */
export function sampleFeed(): CuratedFeed {
  return {
    id: 'headlines',
    title: 'All headlines',
    description: 'Every story from every source, once.',
    language: 'en',
    pageUrl: 'https://headlines.example.org/',
    feedUrls: {
      rss: 'https://headlines.example.org/feeds/headlines.xml',
      atom: 'https://headlines.example.org/feeds/headlines.atom',
      json: 'https://headlines.example.org/feeds/headlines.json',
    },
    site: { title: SITE.title, url: SITE.baseUrl },
    hubs: ['https://hub.example.com/', 'https://websub.example.net/hub?x=1&y=2'],
    updated: '2024-05-02T15:00:00Z',
    entries: [structuredClone(STORY), structuredClone(PODCAST), structuredClone(BARE)],
  };
}

/** The sample feed with no entries (what a fresh install shows). */
export function emptyFeed(): CuratedFeed {
  return { ...sampleFeed(), entries: [], hubs: [], updated: '2024-05-02T15:00:00Z' };
}

/** Ingestion status of a machine that cannot reach any source. */
export const ALL_FAILING: IngestStatus = {
  intervalMinutes: 30,
  lastAttemptAt: '2024-05-02T15:30:00Z',
  sourcesTotal: 15,
  sourcesFailing: 15,
};
