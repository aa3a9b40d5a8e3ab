import type { CliIo } from './io.js';

/** One option of a command, as `node:util` parseArgs declares it, plus its help text. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  valueName?: string;
  help: string;
}

/** The parsed command line of one command. */
export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

/** A CLI command: one file per command under src/cli/commands. */
export interface Command {
  name: string;
  /** One line for `feedloom --help`. */
  summary: string;
  /** The usage line after `feedloom <name>`. */
  usage: string;
  /** Extra lines for `feedloom <name> --help`. */
  description?: string;
  options: Record<string, OptionSpec>;
  /** Its stderr is its log (run, serve, worker, ingest): in JSON log format its failure is a JSON log line too. */
  logs?: boolean;
  /** Runs the command; resolves to the exit code (0 done, 1 ran but failed, 2 bad usage/config). */
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

/** Exit codes from DESIGN.md. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
