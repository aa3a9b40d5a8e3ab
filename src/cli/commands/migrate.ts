import { createDatabase, migrateToLatest } from '../../store/index.js';
import { EXIT } from '../command.js';
import type { Command } from '../command.js';
import { databaseUrl } from '../database.js';

/** `feedloom migrate`: bring the database schema up to date. */
export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Bring the database schema up to date (every other command does so too)',
  usage: '',
  options: {},
  async run(_args, io) {
    const handle = await createDatabase(databaseUrl(io));
    try {
      const results = await migrateToLatest(handle.db);
      for (const r of results) io.stdout.write(`applied ${r.migrationName}\n`);
      io.stdout.write(`${handle.location}: schema up to date${results.length === 0 ? ' (nothing to apply)' : ''}\n`);
      return EXIT.ok;
    } finally {
      await handle.close();
    }
  },
};
