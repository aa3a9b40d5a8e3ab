import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

const ENTRY = 'src/cli/entry.ts';

/** A feedloom CLI running in its own process (`node --import tsx src/cli/entry.ts ...`). */
export interface CliProcess {
  child: ChildProcess;
  pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Resolves once stderr matches `pattern`; rejects after `timeoutMs` or if the process exits first. */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

/** Start the CLI with `args` from the repo root (where tsx resolves), the environment extended by `env`. */
export function spawnCli(args: string[], env: Record<string, string>): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
    cwd: process.cwd(),
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    pid: child.pid ?? -1,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForLog: (pattern, timeoutMs = 20_000) => until(() => pattern.test(err), timeoutMs, exited, () => `no log matching ${pattern} in:\n${err}`),
  };
}

/** Resolves once `predicate` holds (polled every 50 ms); rejects after `timeoutMs`, or when `abort` settles first. */
export async function until(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs: number,
  abort?: Promise<unknown>,
  describe: () => string = () => 'condition not met',
): Promise<void> {
  const end = Date.now() + timeoutMs;
  let aborted = false;
  void abort?.then(() => (aborted = true));
  while (!(await predicate())) {
    if (aborted) throw new Error(`process exited: ${describe()}`);
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
