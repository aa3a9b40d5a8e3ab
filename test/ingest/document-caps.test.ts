import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { sanitizeHtml } from '../../src/normalise/html/index.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { startOrigin } from '../support/origin.js';
import type { Origin } from '../support/origin.js';

// Small caps from the config, so the documents that pass them stay small; the defaults are tested elsewhere.
const LIMITS = { maxItems: 20, maxTitleChars: 64, maxContentBytes: 4_096, maxDepth: 24 };

interface Item {
  guid: string;
  title: string;
  body: string;
  day: number;
}

function rss(items: Item[]): string {
  return `<rss version="2.0"><channel><title>t</title><link>https://example.com/</link>${items
    .map((i) => `<item><guid>${i.guid}</guid><title>${i.title}</title><pubDate>${new Date(Date.UTC(2026, 10, i.day)).toUTCString()}</pubDate>`
      + `<description><![CDATA[${i.body}]]></description></item>`)
    .join('')}</channel></rss>`;
}

const healthy: Item[] = [
  { guid: 'old-1', title: 'Stored first', body: '<p>One</p>', day: 1 },
  { guid: 'old-2', title: 'Stored second', body: '<p>Two</p>', day: 2 },
];

let origin: Origin;
let folder: string;

beforeAll(async () => {
  origin = await startOrigin();
  folder = mkdtempSync(path.join(tmpdir(), 'feedloom-caps-'));
  writeFileSync(path.join(folder, 'feeds.config.json'), JSON.stringify({
    fetch: { allowPrivateNetworks: true, timeoutMs: 5000 },
    limits: LIMITS,
    sources: [{ id: 'big', url: origin.urlFor('/big') }],
  }));
});

afterAll(async () => {
  await origin.close();
  rmSync(folder, { recursive: true, force: true });
});

interface Summary {
  failures: { source: string; code: string; message: string }[];
  capped: { source: string; cap: string; message: string }[];
}

async function ingest(url: string, items: Item[] | string): Promise<Summary> {
  origin.route('/big', { body: typeof items === 'string' ? items : rss(items), headers: { 'content-type': 'application/rss+xml' } });
  let stdout = '';
  const env = { DATABASE_URL: url, FEEDLOOM_CONFIG: path.join(folder, 'feeds.config.json') };
  const code = await main(['ingest', '--all', '--json'], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => {} }, env, cwd: folder });
  expect(code).toBe(0);
  return JSON.parse(stdout) as Summary;
}

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'documents over the caps in config `limits`', (current) => {
    const stored = () => current().db.selectFrom('items').select(['guid', 'title', 'summary_html', 'content_html', 'text']).orderBy('guid').execute();

    async function storeHealthy() {
      expect((await ingest(current().url, healthy)).capped).toEqual([]);
      return stored();
    }

    it('too many items: the newest maxItems are stored, with a warning naming the cap; stored items stay', async () => {
      const before = await storeHealthy();
      // 50 new items, days 3..52, listed oldest first: the newest 20 are days 33..52.
      const many = Array.from({ length: 50 }, (_, i): Item => ({ guid: `new-${String(i + 3).padStart(2, '0')}`, title: `Item ${i + 3}`, body: 'x', day: i + 3 }));
      const summary = await ingest(current().url, many);
      expect(summary.failures).toEqual([]);
      expect(summary.capped).toEqual([
        { source: 'big', cap: 'limits.maxItems', message: 'limits.maxItems: the document has 50 items; kept the newest 20' },
      ]);
      const after = await stored();
      expect(after.filter((row) => row.guid.startsWith('new-')).map((row) => row.guid)).toEqual(
        Array.from({ length: 20 }, (_, i) => `new-${i + 33}`),
      );
      expect(after.filter((row) => row.guid.startsWith('old-'))).toEqual(before);
    });

    it('a huge title is stored cut to maxTitleChars at a word boundary, with a warning naming the cap', async () => {
      const before = await storeHealthy();
      const huge = `${'Breaking news about hypervisors '.repeat(40_000)}end`;
      const summary = await ingest(current().url, [...healthy, { guid: 'huge-title', title: huge, body: '<p>Short</p>', day: 3 }]);
      expect(summary.capped).toHaveLength(1);
      expect(summary.capped[0]?.cap).toBe('limits.maxTitleChars');
      expect(summary.capped[0]?.message).toContain('1 title longer than 64 characters cut (the first: item "huge-title", 1280003 characters)');
      const row = (await stored()).find((r) => r.guid === 'huge-title');
      expect(row?.title.length).toBeLessThanOrEqual(64);
      expect(row?.title).toMatch(/^Breaking news about hypervisors Breaking .*[a-z]…$/);
      expect(huge.startsWith(row?.title.slice(0, -1) ?? '-')).toBe(true);
      expect(utf8(row?.text ?? '')).toBeLessThanOrEqual(LIMITS.maxContentBytes);
      expect((await stored()).filter((r) => r.guid.startsWith('old-'))).toEqual(before);
    });

    it('a huge body is stored cut to maxContentBytes, still well-formed HTML, with a warning naming the cap', async () => {
      const before = await storeHealthy();
      const cell = '<tr><td><a href="https://example.com/a?b=1&amp;c=2">caf&eacute; 🚀 &lt;b&gt;</a></td><td><em>ok</em></td></tr>';
      const body = `<div><table>${cell.repeat(5_000)}</table><p>tail</p></div>`;
      const summary = await ingest(current().url, [...healthy, { guid: 'huge-body', title: 'Huge body', body, day: 3 }]);
      expect(summary.capped.map((c) => c.cap)).toEqual(['limits.maxContentBytes']);
      expect(summary.capped[0]?.message).toMatch(/^limits\.maxContentBytes: 1 summary or content over 4096 bytes after sanitising cut, well-formed \(the first: item "huge-body" summary, \d+ bytes\)$/);
      const row = (await stored()).find((r) => r.guid === 'huge-body');
      const html = row?.summary_html ?? '';
      expect(utf8(html)).toBeLessThanOrEqual(LIMITS.maxContentBytes);
      expect(utf8(html)).toBeGreaterThan(LIMITS.maxContentBytes - 200);
      // Balanced and unbroken: the sanitiser, which closes what is open and drops what is broken, changes nothing.
      expect(sanitizeHtml(html)).toBe(html);
      expect(html).toMatch(/…(<\/[a-z]+>)+$/);
      expect(html.endsWith('</table></div>')).toBe(true);
      expect(utf8(row?.text ?? '')).toBeLessThanOrEqual(LIMITS.maxContentBytes);
      expect((await stored()).filter((r) => r.guid.startsWith('old-'))).toEqual(before);
    });

    it('nesting deeper than the configured maxDepth fails as TOO_COMPLEX naming the cap; nothing stored changes', async () => {
      const before = await storeHealthy();
      const deep = `${'<div>'.repeat(LIMITS.maxDepth)}x${'</div>'.repeat(LIMITS.maxDepth)}`;
      // Inline XHTML (not CDATA): the nesting is the document's own.
      const document = rss(healthy).replace('</channel>', `<item><guid>deep</guid><description>${deep}</description></item></channel>`);
      const summary = await ingest(current().url, document);
      expect(summary.failures).toHaveLength(1);
      expect(summary.failures[0]).toMatchObject({ source: 'big', code: 'TOO_COMPLEX' });
      expect(summary.failures[0]?.message).toContain(`limits.maxDepth (${LIMITS.maxDepth} levels) at line 1`);
      expect(await stored()).toEqual(before);
    });
  });
}
