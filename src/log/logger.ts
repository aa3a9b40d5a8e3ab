/** Log levels, most to least verbose. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Fields attached to one log line. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** A minimal leveled logger: one line per event on stderr, `level message key=value ...`. */
export interface Logger {
  readonly level: LogLevel;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Parse LOG_LEVEL; unknown values fall back to `info`. */
export function parseLogLevel(value: string | undefined): LogLevel {
  const v = (value ?? '').trim().toLowerCase();
  return v in RANK ? (v as LogLevel) : 'info';
}

function formatValue(value: string | number | boolean | null): string {
  const s = String(value);
  return /[\s"=]/.test(s) || s === '' ? JSON.stringify(s) : s;
}

/** A logger writing to `write` (stderr by default). Only the CLI, the scheduler loop and the HTTP edge log. */
export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  const emit = (at: LogLevel, message: string, fields?: LogFields): void => {
    if (RANK[at] < RANK[level]) return;
    let line = `${new Date().toISOString()} ${at.padEnd(5)} ${message}`;
    for (const [key, value] of Object.entries(fields ?? {})) {
      if (value !== undefined) line += ` ${key}=${formatValue(value)}`;
    }
    write(line + '\n');
  };
  return {
    level,
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}
