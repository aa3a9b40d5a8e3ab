import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { fetchFeed } from '../../src/fetch/index.js';
import { runIngestPass } from '../../src/ingest/index.js';
import { createLogger } from '../../src/log/index.js';
import { PAGE_CSP } from '../../src/publish/index.js';
import { createServer } from '../../src/server/index.js';
import type { FeedloomServer } from '../../src/server/index.js';
import { createSite } from '../../src/site/index.js';
import { createDatabase, dueSources, migrateToLatest, syncSources } from '../../src/store/index.js';
import type { DatabaseHandle } from '../../src/store/index.js';
import { compileVendorMatcher } from '../../src/tag/index.js';
import { provisionDatabase } from '../support/databases.js';
import type { ProvisionedDatabase } from '../support/databases.js';
import { startOrigin } from '../support/origin.js';
import type { Origin } from '../support/origin.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const ARTEFACTS = path.resolve(process.cwd(), 'test-results');
const REAL = path.resolve(process.cwd(), '../shared/corpora/real-world');
const FEEDS = ['feedjira__AmazonWebServicesBlog.xml', 'rsparser__cloudblog.rss', 'feedreader__Rss20Spiegel.xml', 'feedrs__jsonfeed_elastic_1.1.json'];

// Debian's chromium: `.ci/run` installs it. Locally without it the test is skipped, in CI it fails.
const available = existsSync(CHROMIUM);
if (!available && process.env['CI'] === 'true') throw new Error(`${CHROMIUM} is missing: CI=true requires the browser test (apt-get install chromium)`);

describe.skipIf(!available)('the headlines site in headless Chromium', () => {
  let origin: Origin;
  let database: ProvisionedDatabase;
  let handle: DatabaseHandle;
  let server: FeedloomServer;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    origin = await startOrigin();
    FEEDS.forEach((file, i) => origin.route(`/f${i}`, { body: readFileSync(path.join(REAL, file)) }));
    const config = parseConfig(JSON.stringify({
      site: { title: 'Hosting & Cloud Headlines', baseUrl: 'http://127.0.0.1' },
      fetch: { allowPrivateNetworks: true },
      sources: FEEDS.map((_, i) => ({ id: `f${i}`, url: origin.urlFor(`/f${i}`), title: `Outlet ${i}` })),
      vendors: [{ id: 'amazon', name: 'Amazon', aliases: ['AWS', 'Amazon'] }],
      feeds: [{ id: 'headlines', title: 'All headlines' }, { id: 'aws', title: 'AWS', match: { vendors: ['amazon'] } }],
    }), 'browser-test.json');
    database = await provisionDatabase('sqlite');
    handle = await createDatabase(database.url);
    await migrateToLatest(handle.db);
    await syncSources(handle.db, config.sources.map((s) => ({ id: s.id, url: s.url, tags: s.tags, enabled: true, priority: 0, ...(s.title ? { title: s.title } : {}) })));
    await runIngestPass(
      (await dueSources(handle.db, new Date(), { all: true })).map((s) => ({ id: s.id, url: s.url, etag: null, lastModified: null, errorCount: 0 })),
      { userAgent: 'test', timeoutMs: 5000, maxBytes: 1 << 24, allowPrivateNetworks: true, defaultIntervalMs: 1_800_000, minIntervalMs: 300_000, maxIntervalMs: 86_400_000 },
      { db: handle.db, fetch: (r) => fetchFeed(r), tagger: compileVendorMatcher(config.vendors) },
      { concurrency: 2, perHostConcurrency: 2 },
    );
    server = await createServer({ site: createSite({ db: handle.db, config }), db: handle.db, logger: createLogger('silent'), csp: PAGE_CSP, port: 0 });
    base = (await server.listen()).url;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    mkdirSync(ARTEFACTS, { recursive: true });
  }, 60_000);

  /** A phone-sized page without JavaScript that reaches only our server, and the CSP violations it reports. */
  async function phone(width: number, height: number) {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height } });
    // Only our server is reachable: images in feed content point at publishers, and tests never leave 127.0.0.1.
    await context.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : route.abort()));
    const page = await context.newPage();
    const cspViolations: string[] = [];
    page.on('console', (m) => {
      // Feed images over plain http are refused by `img-src https:` on purpose; anything else the CSP blocks
      // (our own style, a script, the search form) would be a bug.
      if (m.type() === 'error' && /Content Security Policy/.test(m.text()) && !/^Loading the image 'http:/.test(m.text())) cspViolations.push(m.text());
    });
    return { context, page, cspViolations };
  }

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await handle?.close();
    await database?.dispose();
    await origin?.close();
  });

  it('shows headlines on a phone without JavaScript, navigates the archive to a story, and breaks no CSP rule', async () => {
    const { context, page, cspViolations } = await phone(390, 844);
    await page.goto(`${base}/`);
    await expect(page.title()).resolves.toContain('Hosting & Cloud Headlines');
    const headlines = page.locator('li.entry h2 a');
    expect(await headlines.count()).toBeGreaterThan(10);
    await expect(headlines.first().isVisible()).resolves.toBe(true);
    expect(await page.locator('link[rel="alternate"][type="application/atom+xml"]').count()).toBeGreaterThan(0);
    // Readable on a phone: nothing wider than the screen.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(ARTEFACTS, 'headlines-phone.png'), fullPage: false });

    await page.locator('nav a', { hasText: 'Archive' }).first().click();
    await page.waitForURL(/\/archive$/);
    const month = page.locator('main a[href*="/archive/"]').first();
    await month.click();
    await page.waitForURL(/\/archive\/\d{4}\/\d{2}$/);
    expect(await page.locator('li.entry').count()).toBeGreaterThan(0);
    await page.locator('li.entry a[href*="/stories/"]').first().click();
    await page.waitForURL(/\/stories\/\d+$/);
    expect(await page.locator('h1').first().textContent()).toBeTruthy();
    expect(await page.locator('main table a').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(ARTEFACTS, 'story.png'), fullPage: true });
    // The share and return links wrap whole, within the screen.
    expect(await page.locator('.share-links a').count()).toBeGreaterThanOrEqual(6);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(cspViolations).toEqual([]);
    await context.close();
  }, 60_000);

  it('prints a story page without the navigation, with the headline, date, summary and every outlet with its link; shares its own URL', async () => {
    const { context, page, cspViolations } = await phone(800, 1000);
    await page.goto(`${base}/`);
    const storyPath = await page.locator('li.entry a[href*="/stories/"]').first().getAttribute('href');
    expect(storyPath).toMatch(/^\/stories\/\d+$/);
    await page.goto(`${base}${storyPath}`);
    const visible = (selector: string) => page.locator(selector).first().isVisible();
    // On screen: the navigation, the share links and the way back are there, and no link has its URL written after it.
    for (const selector of ['header nav', '.share-links', 'nav.return-links', 'footer', 'form.search']) await expect(visible(selector), selector).resolves.toBe(true);
    const onScreen = (await page.evaluate(`[...document.querySelectorAll('.outlets td a')].map((a) => getComputedStyle(a, '::after').content)`)) as string[];
    expect(new Set(onScreen)).toEqual(new Set(['none']));

    await page.emulateMedia({ media: 'print' });
    for (const selector of ['header nav', '.share-links', 'nav.return-links', 'footer', 'form.search']) await expect(visible(selector), `print: ${selector}`).resolves.toBe(false);
    for (const selector of ['h1', 'article .meta time', '.outlets table']) await expect(visible(selector), `print: ${selector}`).resolves.toBe(true);
    const summary = page.locator('article .summary');
    if ((await summary.count()) > 0) await expect(summary.isVisible()).resolves.toBe(true);
    // Every outlet is listed, and its link is printed after its name (paper has no hover).
    const outlets = page.locator('.outlets tbody tr');
    expect(await outlets.count()).toBeGreaterThan(0);
    const printed = (await page.evaluate(`[...document.querySelectorAll('.outlets td a')].map((a) => [a.getAttribute('href'), getComputedStyle(a, '::after').content])`)) as [string, string][];
    expect(printed.length).toBeGreaterThan(0);
    for (const [href, after] of printed) expect(after).toBe(`" <${href}>"`);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    writeFileSync(path.join(ARTEFACTS, 'story-print.pdf'), pdf);
    await page.screenshot({ path: path.join(ARTEFACTS, 'story-print.png'), fullPage: true });

    // The share links carry the story's own absolute URL (the site's base URL, not the address it was fetched at).
    await page.emulateMedia({ media: 'screen' });
    const storyUrl = `http://127.0.0.1${storyPath}`;
    const shares = (await page.locator('.share-links a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))) as string[];
    expect(shares.length).toBeGreaterThanOrEqual(6);
    expect(shares[0]).toMatch(/^mailto:/);
    for (const href of shares) expect(decodeURIComponent(href)).toContain(storyUrl);
    // Every link to another site: rel="noopener noreferrer".
    const external = (await page.locator('a[href^="http"]').evaluateAll((links) => links.map((a) => [a.getAttribute('href'), a.getAttribute('rel')]))) as [string, string | null][];
    for (const [href, rel] of external.filter(([href]) => !href.startsWith(base))) expect(rel, href).toBe('noopener noreferrer');
    await expect(page.locator('nav.return-links a', { hasText: 'Return to the headlines' }).getAttribute('href')).resolves.toBe('/');
    await expect(page.locator('nav.return-links a', { hasText: 'archive' }).getAttribute('href')).resolves.toBe('/archive');
    expect(cspViolations).toEqual([]);
    await context.close();
  }, 60_000);

  it('shows /status and /search on a 375 px screen: charts drawn, the search box submits, nothing wider than the screen, no CSP violation', async () => {
    const { context, page, cspViolations } = await phone(375, 812);
    const width = () => page.evaluate('document.documentElement.scrollWidth');

    await page.goto(`${base}/`);
    await page.locator('nav a', { hasText: 'Status' }).first().click();
    await page.waitForURL(/\/status$/);
    // The hourly chart, the passes (none recorded by this pass: a line says so) and two charts per source.
    const charts = page.locator('svg.chart');
    expect(await charts.count()).toBe(1 + FEEDS.length * 2);
    const box = await charts.first().boundingBox();
    expect(box?.width).toBeGreaterThan(250);
    expect(box?.height).toBeGreaterThan(20);
    expect(await charts.first().locator('rect.bar').count()).toBe(48);
    expect(await width()).toBeLessThanOrEqual(375);
    await page.screenshot({ path: path.join(ARTEFACTS, 'status-phone.png'), fullPage: true });

    // Search from the box in the header, as a person would: type, press Enter.
    const input = page.locator('form.search input[name="q"]');
    await input.fill('AWS');
    await input.press('Enter');
    await page.waitForURL(/\/search\?q=AWS$/);
    const results = page.locator('li.entry');
    expect(await results.count()).toBeGreaterThan(0);
    expect(await page.locator('li.entry mark').count()).toBeGreaterThan(0);
    expect(await width()).toBeLessThanOrEqual(375);
    await page.screenshot({ path: path.join(ARTEFACTS, 'search-phone.png'), fullPage: false });

    // A malformed query gets its message, not an error page.
    await input.fill('"unbalanced');
    await input.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    await expect(page.locator('[role="alert"]').textContent()).resolves.toMatch(/unbalanced quote/);

    await page.goto(`${base}/sources`);
    expect(await page.locator('svg.chart').count()).toBe(FEEDS.length * 2);
    expect(await width()).toBeLessThanOrEqual(375);
    await page.screenshot({ path: path.join(ARTEFACTS, 'sources-phone.png'), fullPage: true });
    expect(cspViolations).toEqual([]);
    await context.close();
  }, 60_000);
});
