import { retagItems } from '../../store/index.js';
import { compileVendorTagger } from '../../tag/index.js';
import { EXIT } from '../command.js';
import type { Command } from '../command.js';
import { requireConfig } from '../context.js';
import { openDatabase } from '../database.js';

/** `feedloom retag`: re-apply the vendor dictionary to stored items. */
export const retagCommand: Command = {
  name: 'retag',
  summary: 'Re-apply the vendor dictionary to stored items',
  usage: '',
  description: 'Run after editing "vendors" in the config: every stored item is matched again, and its vendor tags\nare rewritten where they changed. Curated feeds pick the change up on their next render.',
  options: {},
  async run(_args, io) {
    const config = await requireConfig(io);
    const handle = await openDatabase(io);
    try {
      const matcher = compileVendorTagger(config.vendors);
      const result = await retagItems(handle.db, (input) => matcher.match(input));
      io.stdout.write(`retag: ${result.items} items checked, ${result.changed} changed (${result.added} tags added, ${result.removed} removed)\n`);
      return EXIT.ok;
    } finally {
      await handle.close();
    }
  },
};
