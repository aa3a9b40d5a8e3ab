import type { Command } from '../command.js';
import { buildCommand } from './build.js';
import { checkCommand } from './check.js';
import { explainCommand } from './explain.js';
import { exportCommand } from './export.js';
import { ingestCommand } from './ingest.js';
import { migrateCommand } from './migrate.js';
import { parseCommand } from './parse.js';
import { retagCommand } from './retag.js';
import { searchCommand } from './search.js';
import { runCommand } from './run.js';
import { serveCommand } from './serve.js';
import { sourcesCommand } from './sources.js';
import { workerCommand } from './worker.js';

/** Every command, in the order `feedloom --help` lists them. */
export const COMMANDS: readonly Command[] = [
  runCommand, ingestCommand, workerCommand, serveCommand, buildCommand, parseCommand, exportCommand, searchCommand, explainCommand, retagCommand, sourcesCommand, checkCommand, migrateCommand,
];
