import { pino } from 'pino';
import type { Logger as PinoLogger } from 'pino';
import { prettyLines } from './pretty.js';

/** Log levels, most to least verbose. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

/** How log lines are written: one JSON object per line (for log shippers), or readable lines (for a terminal). */
export type LogFormat = 'json' | 'pretty';

/** A value of one log field: scalars, or a list of strings (e.g. every problem of a config). */
export type LogValue = string | number | boolean | null | undefined | readonly string[];

/** Fields attached to one log line. */
export type LogFields = Record<string, LogValue>;

/** A leveled logger: one line per event. Only the CLI, the scheduler loop and the HTTP edge log. */
export interface Logger {
  readonly level: LogLevel;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose every line carries `bindings` too (e.g. `{ source: id }` for the lines of one fetch). */
  child(bindings: LogFields): Logger;
}

/** Parse LOG_LEVEL; unknown values fall back to `info`. */
export function parseLogLevel(value: string | undefined): LogLevel {
  const v = (value ?? '').trim().toLowerCase();
  return (LEVELS as readonly string[]).includes(v) ? (v as LogLevel) : 'info';
}

/** Parse LOG_FORMAT; anything else (unset included) is undefined, meaning "decide by the stream". */
export function parseLogFormat(value: string | undefined): LogFormat | undefined {
  const v = (value ?? '').trim().toLowerCase();
  return v === 'json' || v === 'pretty' ? v : undefined;
}

/**
 * A logger (pino) writing whole lines to `write` (stderr by default): JSON lines with a string `level`, an ISO
 * `time`, `msg` and the fields; or, with format `pretty`, the same events as readable lines (pino-pretty, loaded
 * only then). Writes are synchronous, so no line is lost when the process exits.
 */
export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stderr.write(l), format: LogFormat = 'json'): Logger {
  const sink = format === 'pretty' ? prettyLines(write) : write;
  const root = pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    { write: (line: string) => sink(line) },
  );
  return wrap(root, level);
}

function wrap(target: PinoLogger, level: LogLevel): Logger {
  const emit = (at: Exclude<LogLevel, 'silent'>) => (message: string, fields?: LogFields): void => {
    if (fields === undefined) target[at](message);
    else target[at](withoutUndefined(fields), message);
  };
  return {
    level,
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (bindings) => wrap(target.child(withoutUndefined(bindings)), level),
  };
}

function withoutUndefined(fields: LogFields): Record<string, Exclude<LogValue, undefined>> {
  const out: Record<string, Exclude<LogValue, undefined>> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out;
}
