import { main } from '../../src/cli/main.js';

/** Run the CLI in-process with captured output. */
export async function runCli(argv: string[], options: { env?: Record<string, string>; cwd?: string } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
  });
  return { code, stdout, stderr };
}
