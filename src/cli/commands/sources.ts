import { UsageError } from '../../model/index.js';
import { flag, stringOption } from '../args.js';
import { EXIT } from '../command.js';
import type { Command } from '../command.js';
import { configFile, requireConfig } from '../context.js';
import { addSource } from './sources-add.js';
import { exportSources } from './sources-export.js';
import { importSources } from './sources-import.js';
import { listSources } from './sources-list.js';
import { removeSourceCommand } from './sources-remove.js';

const SUBCOMMANDS = ['list', 'add', 'remove', 'import', 'export'];

/** The one positional argument a subcommand takes. */
function argument(positionals: string[], what: string, usage: string): string {
  const value = positionals[1];
  if (value === undefined || positionals.length > 2) throw new UsageError(`sources ${positionals[0]}: expected ${what} (usage: feedloom sources ${usage})`);
  return value;
}

function pickOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`sources add: --pick ${text}: expected a number from the list (1, 2, ...)`);
  return n;
}

/** `feedloom sources list|add|remove|import|export`: operators' editing of the source list. */
export const sourcesCommand: Command = {
  name: 'sources',
  summary: 'List, add, remove, import (OPML) and export (OPML) the sources',
  usage: 'list [--json] | add URL [--id ID] [--title T] [--tags a,b] [--pick N] | remove ID | import FILE.opml | export',
  description: `list          every source: id, url, status, last success, error streak, items in the last 7 days, next check
add URL       fetch URL; a feed is added as it is; a web page's <link rel="alternate"> feeds are listed
              to choose from (--pick N, or a prompt on a terminal)
remove ID     take the source out of the config (refused while a curated feed's rule names it)
import FILE   add every subscription of an OPML file not configured yet; reports added, skipped, invalid
export        the sources as OPML 2.0 on stdout
add, remove and import edit feeds.config.json in place, keeping its order and layout; a running run/worker
reloads it. Stored items of removed sources stay.`,
  options: {
    json: { type: 'boolean', help: 'list/import: print JSON' },
    id: { type: 'string', valueName: 'ID', help: 'add: the new source\'s id (default: from its title)' },
    title: { type: 'string', valueName: 'TITLE', help: 'add: display name (default: the feed\'s own title)' },
    tags: { type: 'string', valueName: 'A,B', help: 'add: comma-separated tags' },
    pick: { type: 'string', valueName: 'N', help: 'add: which of the feeds a web page links to' },
  },
  async run(args, io) {
    const [sub] = args.positionals;
    if (sub === undefined || !SUBCOMMANDS.includes(sub)) {
      throw new UsageError(`sources: expected one of ${SUBCOMMANDS.join(', ')}${sub === undefined ? '' : ` (got "${sub}")`}`);
    }
    const config = await requireConfig(io);
    const file = configFile(io);
    if (sub === 'list') {
      if (args.positionals.length > 1) throw new UsageError('sources list: takes no arguments');
      await listSources(config, io, flag(args, 'json'));
    } else if (sub === 'add') {
      const title = stringOption(args, 'title');
      const id = stringOption(args, 'id');
      const pick = pickOption(stringOption(args, 'pick'));
      await addSource({
        url: argument(args.positionals, 'a URL', 'add URL'),
        tags: (stringOption(args, 'tags') ?? '').split(',').map((t) => t.trim()).filter((t) => t !== ''),
        ...(id !== undefined ? { id } : {}), ...(title !== undefined ? { title } : {}), ...(pick !== undefined ? { pick } : {}),
      }, config, file, io);
    } else if (sub === 'remove') {
      await removeSourceCommand(argument(args.positionals, 'a source id', 'remove ID'), file, io);
    } else if (sub === 'import') {
      await importSources(argument(args.positionals, 'an OPML file', 'import FILE.opml'), file, io, flag(args, 'json'));
    } else {
      if (args.positionals.length > 1) throw new UsageError('sources export: takes no arguments');
      exportSources(config, io);
    }
    return EXIT.ok;
  },
};
