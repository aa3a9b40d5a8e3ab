import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sitePaths } from '../../routes/index.js';
import { UsageError } from '../../model/index.js';
import { createSite } from '../../site/index.js';
import { stringOption } from '../args.js';
import { EXIT } from '../command.js';
import type { Command } from '../command.js';
import { requireConfig } from '../context.js';
import { openDatabase } from '../database.js';

/** The file a site path is written to: directories get index.html; feeds and OPML keep their names. */
export function outputFile(sitePath: string, prefix: string): string {
  const relative = decodeURIComponent(sitePath.slice(prefix.length)).replace(/^\/+/, '');
  if (relative === '') return 'index.html';
  return /\.(xml|atom|json|opml)$/.test(relative) ? relative : `${relative}/index.html`;
}

/** `feedloom build --out DIR`: every curated feed and page as static files. */
export const buildCommand: Command = {
  name: 'build',
  summary: 'Write every curated feed and HTML page as static files (for a CDN)',
  usage: '--out DIR',
  description: `Writes the same bytes \`serve\` returns for each path: index.html, feeds/{id}/index.html,
feeds/{id}.xml|.atom|.json, archive/..., stories/{id}/index.html, sources/index.html, sources.opml and
404.html. Serve DIR with directory indexes; set site.baseUrl to where it will be published.`,
  options: {
    out: { type: 'string', valueName: 'DIR', help: 'output folder (created if missing)' },
  },
  async run(args, io) {
    const out = stringOption(args, 'out');
    if (!out) throw new UsageError('build: --out DIR is required');
    const config = await requireConfig(io);
    const root = path.resolve(io.cwd, out);
    const handle = await openDatabase(io);
    try {
      const site = createSite({ db: handle.db, config, versionCheckMs: 0 });
      const prefix = sitePaths(config.site.baseUrl).home.replace(/\/$/, '');
      let files = 0;
      let bytes = 0;
      for (const sitePath of await site.paths()) {
        const rendered = await site.render(sitePath);
        if (!rendered) continue;
        const file = path.join(root, outputFile(sitePath, prefix));
        if (!file.startsWith(root + path.sep)) throw new UsageError(`build: path ${sitePath} escapes the output folder`);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, rendered.body);
        files++;
        bytes += Buffer.byteLength(rendered.body);
      }
      const notFound = await site.notFound('/404.html');
      await mkdir(root, { recursive: true });
      await writeFile(path.join(root, '404.html'), notFound.body);
      io.stdout.write(`build: ${files + 1} files, ${(bytes / 1024).toFixed(0)} KiB written to ${root}\n`);
      return EXIT.ok;
    } finally {
      await handle.close();
    }
  },
};
