import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../../model/index.js';
import { importOpmlList, readOpml } from '../../sources/index.js';
import type { ImportReport } from '../../sources/index.js';
import type { CliIo } from '../io.js';

/** `feedloom sources import FILE.opml`: add every subscription not configured yet, in one write of the config. */
export async function importSources(opmlFile: string, file: string, io: CliIo, json: boolean): Promise<ImportReport> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.resolve(io.cwd, opmlFile));
  } catch (error) {
    throw new UsageError(`sources import: cannot read ${opmlFile}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const summary = await importOpmlList(file, readOpml(bytes), opmlFile);
  if (json) {
    io.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    io.stdout.write(`import: ${summary.added.length} added, ${summary.skipped.length} skipped, ${summary.invalid.length} invalid\n`);
    for (const a of summary.added) io.stdout.write(`  added    ${a.id}  ${a.url}\n`);
    for (const s of summary.skipped) io.stdout.write(`  skipped  ${s.url}  (${s.reason})\n`);
    for (const i of summary.invalid) io.stdout.write(`  invalid  ${i.outline}: ${i.reason}\n`);
  }
  return summary;
}
