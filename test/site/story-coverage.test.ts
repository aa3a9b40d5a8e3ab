import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { createSite } from '../../src/site/index.js';
import { runCli } from '../cli/run-cli.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { startOrigin } from '../support/origin.js';
import type { Origin } from '../support/origin.js';

/** Three outlets: two carry the same VMware story (one through a tracking link), one an unrelated story. */
const FEEDS: Record<string, string> = {
  reg: `<rss version="2.0"><channel><title>The Reg</title><item><title>VMware joins the Linux Foundation as a Platinum member</title>
<link>https://vendor.example/news/vmware-lf?utm_source=reg</link><guid>reg-1</guid><pubDate>Tue, 07 May 2024 13:30:00 GMT</pubDate>
<description>VMware by Broadcom has joined the Linux Foundation at the Platinum level, taking a board seat.</description></item></channel></rss>`,
  wire: `<rss version="2.0"><channel><title>Wire</title><item><title>Linux Foundation welcomes VMware as a Platinum member</title>
<link>https://www.vendor.example/news/vmware-lf/</link><guid>wire-1</guid><pubDate>Tue, 07 May 2024 13:00:00 GMT</pubDate>
<description>The Linux Foundation today announced that VMware has joined as a Platinum member.</description></item></channel></rss>`,
  lwn: `<rss version="2.0"><channel><title>LWN</title><item><title>Kernel 6.9 released</title><link>https://lwn.example/6.9</link>
<guid>lwn-1</guid><pubDate>Sun, 12 May 2024 20:00:00 GMT</pubDate><description>Linus Torvalds has released 6.9.</description></item></channel></rss>`,
};

let origin: Origin;
let dir: string;
beforeAll(async () => {
  origin = await startOrigin();
  for (const [id, body] of Object.entries(FEEDS)) origin.route(`/${id}`, { body, headers: { 'content-type': 'application/rss+xml' } });
  dir = mkdtempSync(path.join(tmpdir(), 'feedloom-coverage-'));
  writeFileSync(path.join(dir, 'feeds.config.json'), JSON.stringify({
    site: { baseUrl: 'https://news.example' },
    fetch: { allowPrivateNetworks: true },
    sources: [
      { id: 'reg', url: origin.urlFor('/reg'), title: 'The Register', priority: 5 },
      { id: 'wire', url: origin.urlFor('/wire'), title: 'Newswire' },
      { id: 'lwn', url: origin.urlFor('/lwn'), title: 'LWN.net' },
    ],
    vendors: [{ id: 'vmware', name: 'VMware', aliases: ['VMware'] }, { id: 'linux-foundation', name: 'Linux Foundation', aliases: ['Linux Foundation'] }],
    feeds: [{ id: 'headlines', title: 'All headlines' }, { id: 'vmware', title: 'VMware', match: { vendors: ['vmware'] } }],
  }));
});
afterAll(async () => {
  await origin.close();
  rmSync(dir, { recursive: true, force: true });
});

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'one entry per story, with its coverage', (current) => {
    it('shows a story carried by two outlets once, in every format, naming both', async () => {
      const env = { DATABASE_URL: current().url, FEEDLOOM_CONFIG: path.join(dir, 'feeds.config.json') };
      expect((await runCli(['ingest', '--all'], { env, cwd: dir })).code).toBe(0);
      const site = createSite({ db: current().db, config: await loadConfig(env.FEEDLOOM_CONFIG), versionCheckMs: 0 });
      const body = async (p: string) => String((await site.render(p))?.body ?? '');

      const json = JSON.parse(await body('/feeds/headlines.json')) as { items: { title: string; _feedloom: { story: string; coverage: { source: string }[] } }[] };
      expect(json.items.map((i) => i.title)).toEqual(['Kernel 6.9 released', 'VMware joins the Linux Foundation as a Platinum member']);
      // The Register has the higher priority, so its telling represents the story; the wire's is coverage.
      const story = json.items[1];
      expect(story?._feedloom.coverage.map((c) => c.source)).toEqual(['reg', 'wire']);
      expect((JSON.parse(await body('/feeds/vmware.json')) as { items: unknown[] }).items).toHaveLength(1);

      for (const p of ['/feeds/headlines.xml', '/feeds/headlines.atom', '/', `/stories/${story?._feedloom.story}`]) {
        const text = await body(p);
        expect(text, p).toContain('Newswire');
        expect(text.match(/VMware joins the Linux Foundation/g)?.length, p).toBeGreaterThanOrEqual(1);
        expect(text, p).not.toContain('Linux Foundation welcomes VMware');
      }
      expect(await body('/')).toMatch(/Also covered by/);
      expect(await body('/feeds/headlines.atom')).toMatch(/Also covered by/);
    });
  });
}
