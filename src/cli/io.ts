/** Where a command reads its environment and writes its output: injectable so tests can run commands in-process. */
export interface CliIo {
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
}

/** The real process streams and environment. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/**
 * A reader that stops early (`feedloom sources import big.opml | head`) closes our stdout: the next write fails
 * with EPIPE. That is the reader's choice, not a failure: end at once and quietly, with the exit code so far,
 * instead of dying on an unhandled 'error' event with a stack trace.
 */
export function endQuietlyOnClosedPipe(proc: Pick<NodeJS.Process, 'stdout' | 'stderr' | 'exit' | 'exitCode'>): void {
  for (const stream of [proc.stdout, proc.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      proc.exit(typeof proc.exitCode === 'number' ? proc.exitCode : 0);
    });
  }
}
