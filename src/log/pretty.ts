import { createRequire } from 'node:module';
import type PinoPretty from 'pino-pretty';

/**
 * A line writer that turns pino's JSON lines into readable ones (time, level, message, then the fields on the
 * same line) before handing them to `write`. pino-pretty is loaded here, on first use, so processes whose
 * stderr is not a terminal never load it.
 */
export function prettyLines(write: (line: string) => void): (line: string) => void {
  const { prettyFactory } = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
  const prettify = prettyFactory({ singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
  return (line) => write(prettify(line));
}
