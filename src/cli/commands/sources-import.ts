import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { appendSources, deriveSourceId, editConfigFile, readOpml } from '../../sources/index.js';
import type { SourceEntry } from '../../sources/index.js';
import { UsageError } from '../../model/index.js';
import type { CliIo } from '../io.js';

/** What an import did with each outline. */
export interface ImportReport {
  added: { id: string; url: string }[];
  skipped: { url: string; reason: string }[];
  invalid: { outline: string; reason: string }[];
}

/** `feedloom sources import FILE.opml`: add every subscription not configured yet, in one write of the config. */
export async function importSources(opmlFile: string, file: string, io: CliIo, json: boolean): Promise<ImportReport> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.resolve(io.cwd, opmlFile));
  } catch (error) {
    throw new UsageError(`sources import: cannot read ${opmlFile}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const list = readOpml(bytes);
  // Decided on the file as it is now, under its lock, so that a concurrent edit is never lost.
  const report = await editConfigFile(file, (text, current): ImportReport & { text: string } => {
    const result: ImportReport = { added: [], skipped: [], invalid: list.invalid };
    const byUrl = new Map(current.sources.map((s) => [s.url, `already configured as "${s.id}"`]));
    const taken = new Set(current.sources.map((s) => s.id));
    const entries: SourceEntry[] = [];
    for (const feed of list.feeds) {
      const known = byUrl.get(feed.xmlUrl);
      if (known !== undefined) {
        result.skipped.push({ url: feed.xmlUrl, reason: known });
        continue;
      }
      const id = deriveSourceId({ ...(feed.id !== undefined ? { preferred: feed.id } : {}), ...(feed.title !== undefined ? { title: feed.title } : {}), url: feed.xmlUrl }, taken);
      taken.add(id);
      byUrl.set(feed.xmlUrl, `listed twice in ${opmlFile}`);
      entries.push({
        id, url: feed.xmlUrl,
        ...(feed.title !== undefined ? { title: feed.title } : {}),
        ...(feed.htmlUrl !== undefined ? { siteUrl: feed.htmlUrl } : {}),
        ...(feed.tags.length > 0 ? { tags: feed.tags } : {}),
      });
      result.added.push({ id, url: feed.xmlUrl });
    }
    return { ...result, text: appendSources(text, entries) };
  });
  const { text: _text, ...summary } = report;
  if (json) {
    io.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    io.stdout.write(`import: ${report.added.length} added, ${report.skipped.length} skipped, ${report.invalid.length} invalid\n`);
    for (const a of report.added) io.stdout.write(`  added    ${a.id}  ${a.url}\n`);
    for (const s of report.skipped) io.stdout.write(`  skipped  ${s.url}  (${s.reason})\n`);
    for (const i of report.invalid) io.stdout.write(`  invalid  ${i.outline}: ${i.reason}\n`);
  }
  return summary;
}
