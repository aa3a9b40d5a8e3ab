import { ConfigError, FeedloomError } from '../model/index.js';
import { EXIT } from './command.js';
import type { CliIo } from './io.js';
import { createLogger } from '../log/index.js';
import { logFormat } from './logger.js';

/** A command's failure as it is reported: one line, the lines under it (a config's problems), a code, a stack. */
interface Report {
  line: string;
  details: string[];
  code?: string;
  stack?: string;
  exit: number;
}

function describe(error: unknown, prefix: string, debug: boolean): Report {
  if (error instanceof ConfigError) {
    const details = error.problems.map((p) => {
      const where = p.line !== undefined ? ` (line ${p.line}${p.column !== undefined ? `, column ${p.column}` : ''})` : '';
      return `${p.path}: ${p.message}${where}`;
    });
    const count = `${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}`;
    return { line: `${prefix}: invalid config ${error.file} (${count}):`, details, code: error.code, exit: EXIT.usage };
  }
  const stack = debug && error instanceof Error && error.stack ? { stack: error.stack } : {};
  if (error instanceof FeedloomError) {
    // Bad usage and bad config exit 2 whichever way they were raised (a ConfigError above, or a refused edit here).
    const exit = error.code === 'USAGE' || error.code === 'CONFIG_INVALID' ? EXIT.usage : EXIT.failed;
    return { line: `${prefix}: ${error.message}`, details: [], code: error.code, ...stack, exit };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { line: `${prefix}: unexpected error: ${message.split('\n')[0]}${debug ? '' : ' (LOG_LEVEL=debug for details)'}`, details: [], ...stack, exit: EXIT.failed };
}

/**
 * Report a command's failure and pick the exit code. The DESIGN rule: one clear line saying what and where (a
 * bad config: that line and every problem under it), a stack trace only with LOG_LEVEL=debug. A command whose
 * stderr is its log (`logs`: run, serve, worker, ingest) reports it as its last log line when the log is JSON
 * (stderr not a terminal): level `error`, `msg` the same line, `code`, and `problems` or `stack` as fields, so
 * every line a log shipper reads parses. Elsewhere the line is written as plain text.
 */
export function reportError(error: unknown, io: CliIo, prefix = 'feedloom', logs = false): number {
  const debug = (io.env['LOG_LEVEL'] ?? '').trim().toLowerCase() === 'debug';
  const report = describe(error, prefix, debug);
  if (logs && logFormat(io) === 'json') {
    // Whatever LOG_LEVEL says (even silent), a command's failure is reported.
    createLogger('error', (line) => io.stderr.write(line)).error(report.line.replace(/:$/, ''), {
      code: report.code, ...(report.details.length > 0 ? { problems: report.details } : {}), stack: report.stack,
    });
    return report.exit;
  }
  io.stderr.write(`${report.line}\n`);
  for (const detail of report.details) io.stderr.write(`  ${detail}\n`);
  if (report.stack !== undefined) io.stderr.write(`${report.stack}\n`);
  return report.exit;
}
