import { createLogger, parseLogFormat, parseLogLevel } from '../log/index.js';
import type { LogFormat, Logger } from '../log/index.js';
import type { CliIo } from './io.js';

/** LOG_FORMAT when set (`json` or `pretty`), else readable lines on a terminal and JSON lines anywhere else. */
export function logFormat(io: CliIo): LogFormat {
  return parseLogFormat(io.env['LOG_FORMAT']) ?? (io.stderr.isTTY === true ? 'pretty' : 'json');
}

/** The logger of a command: on its stderr, at LOG_LEVEL (default info), in `logFormat`. */
export function cliLogger(io: CliIo): Logger {
  return createLogger(parseLogLevel(io.env['LOG_LEVEL']), (line) => io.stderr.write(line), logFormat(io));
}
