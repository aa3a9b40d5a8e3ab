import type { Config } from '../../config/index.js';
import { renderOpml } from '../../publish/index.js';
import type { CliIo } from '../io.js';

/**
 * `feedloom sources export`: every configured source as OPML 2.0 on stdout, disabled ones included (a backup
 * that `sources import` reads back); the site's /sources.opml lists the enabled ones only.
 */
export function exportSources(config: Config, io: CliIo): void {
  io.stdout.write(renderOpml({
    title: `${config.site.title}: sources`,
    sources: config.sources.map((s) => ({ id: s.id, title: s.title ?? '', url: s.url, siteUrl: s.siteUrl ?? null, tags: s.tags })),
  }));
}
