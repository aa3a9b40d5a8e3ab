import type { Logger } from '../../src/log/index.js';
import { createLogger } from '../../src/log/index.js';
import type { Rendered, SiteHandler } from '../../src/server/index.js';

/** A site serving a fixed map of paths, recording every path it was asked for. */
export interface FakeSite extends SiteHandler {
  asked: string[];
}

/** A SiteHandler over `pages`; functions are called per request (for slow or failing renders). */
export function fakeSite(pages: Record<string, Rendered | (() => Promise<Rendered>)>): FakeSite {
  const asked: string[] = [];
  return {
    asked,
    async render(path) {
      asked.push(path);
      const page = pages[path];
      return typeof page === 'function' ? page() : page;
    },
    async notFound(path) {
      return { status: 200, contentType: 'text/html; charset=utf-8', body: `<h1>Not found</h1><p>${path.length} chars</p>` };
    },
  };
}

/**
 * A logger that keeps its lines for assertions, each JSON line (which it checks parses) rewritten as
 * `time level msg key=value ...` so that tests can match them with a regex.
 */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const readable = (line: string): string => {
    const { time, level, msg, pid: _pid, ...fields } = JSON.parse(line) as Record<string, unknown>;
    return [time, level, msg, ...Object.entries(fields).map(([k, v]) => `${k}=${String(v)}`)].join(' ');
  };
  return Object.assign(createLogger('debug', (line) => lines.push(readable(line))), { lines });
}

/** An Atom feed of `entries` entries, ~2 KB each: realistic markup that compresses like a real feed. */
export function atomFeed(entries: number): string {
  const items = Array.from({ length: entries }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, '0');
    return `  <entry>
    <title>Vendor ${i % 7} ships hypervisor update ${i}: live migration, GPU passthrough and a new storage stack</title>
    <id>tag:feedloom.example,2026:story/${10_000 + i}</id>
    <link rel="alternate" href="https://news.example.org/2026/11/${day}/story-${i}"/>
    <updated>2026-11-${day}T${String(i % 24).padStart(2, '0')}:15:00Z</updated>
    <author><name>Outlet ${i % 5}</name></author>
    <category term="virtualisation"/><category term="vendor-${i % 7}"/>
    <summary type="html">&lt;p&gt;Release ${i} of the platform brings faster live migration between hosts, ` +
      `GPU passthrough for AI workloads, and a rewritten storage stack (${i * 37 % 1000} IOPS more per node). ` +
      `Operators upgrading from ${i % 3 + 6}.x should read the notes on deprecated APIs first.&lt;/p&gt;` +
      `&lt;p&gt;Seen at &lt;a href="https://outlet${i % 5}.example.com/a/${i}"&gt;Outlet ${i % 5}&lt;/a&gt; ` +
      `and ${i % 4} other outlets. Checksum ${(i * 2654435761) % 4294967296}.&lt;/p&gt;</summary>
  </entry>`;
  }).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>VMware news</title>
  <id>https://feedloom.example/feeds/vmware.atom</id>
  <link rel="self" href="https://feedloom.example/feeds/vmware.atom"/>
  <link rel="alternate" href="https://feedloom.example/feeds/vmware"/>
  <updated>2026-11-28T10:15:00Z</updated>
${items}
</feed>
`;
}
