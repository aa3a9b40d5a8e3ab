import { editConfigFile, removeSource } from '../../sources/index.js';
import { FeedloomError, UsageError } from '../../model/index.js';
import type { CliIo } from '../io.js';

/**
 * `feedloom sources remove ID`: take the source out of the config file. Refused while a curated feed's
 * rule names it (the config would no longer be valid): the message says which feed to edit first.
 * Its stored items stay; the database keeps the source, disabled.
 */
export async function removeSourceCommand(id: string, file: string, io: CliIo): Promise<void> {
  // Decided on the file as it is now, under its lock, so that a concurrent edit is never lost.
  await editConfigFile(file, (text, config) => {
    if (!config.sources.some((s) => s.id === id)) {
      const known = config.sources.map((s) => s.id).join(', ');
      throw new UsageError(`sources remove: no source "${id}" in the config (known: ${known || 'none'})`);
    }
    const naming = config.feeds.flatMap((feed, index) => (feed.match.sources.includes(id) ? [`feeds[${index}] ("${feed.id}")`] : []));
    if (naming.length > 0) {
      throw new FeedloomError('CONFIG_INVALID', `sources remove: ${naming.join(', ')} name${naming.length === 1 ? 's' : ''} "${id}" in match.sources: `
        + `take it out of ${naming.length === 1 ? 'that rule' : 'those rules'} first, then remove the source`);
    }
    const edited = removeSource(text, id);
    if (edited === undefined) throw new UsageError(`sources remove: no source "${id}" in ${file}`);
    return { text: edited };
  });
  io.stdout.write(`removed "${id}" from ${file}; its stored items stay (the source is disabled in the database on the next sync)\n`);
}
