import { removeConfiguredSource } from '../../sources/index.js';
import type { CliIo } from '../io.js';

/**
 * `feedloom sources remove ID`: take the source out of the config file. Refused while a curated feed's
 * rule names it (the config would no longer be valid): the message says which feed to edit first.
 * Its stored items stay; the database keeps the source, disabled.
 */
export async function removeSourceCommand(id: string, file: string, io: CliIo): Promise<void> {
  await removeConfiguredSource(file, id);
  io.stdout.write(`removed "${id}" from ${file}; its stored items stay (the source is disabled in the database on the next sync)\n`);
}
