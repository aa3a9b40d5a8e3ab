import { ConfigError, FeedloomError } from '../model/index.js';
import { EXIT } from './command.js';
import type { CliIo } from './io.js';

/** Print an error the way every command does (one clear line; every problem for a bad config) and pick the exit code. */
export function reportError(error: unknown, io: CliIo, prefix = 'feedloom'): number {
  const debug = (io.env['LOG_LEVEL'] ?? '').toLowerCase() === 'debug';
  if (error instanceof ConfigError) {
    io.stderr.write(`${prefix}: invalid config ${error.file} (${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}):\n`);
    for (const p of error.problems) {
      const where = p.line !== undefined ? ` (line ${p.line}${p.column !== undefined ? `, column ${p.column}` : ''})` : '';
      io.stderr.write(`  ${p.path}: ${p.message}${where}\n`);
    }
    return EXIT.usage;
  }
  if (error instanceof FeedloomError) {
    io.stderr.write(`${prefix}: ${error.message}\n`);
    if (debug && error.stack) io.stderr.write(`${error.stack}\n`);
    // Bad usage and bad config exit 2 whichever way they were raised (a ConfigError above, or a refused edit here).
    return error.code === 'USAGE' || error.code === 'CONFIG_INVALID' ? EXIT.usage : EXIT.failed;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`${prefix}: unexpected error: ${message.split('\n')[0]}${debug ? '' : ' (LOG_LEVEL=debug for details)'}\n`);
  if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return EXIT.failed;
}
