import { parseCommandArgs } from './args.js';
import { EXIT } from './command.js';
import { COMMANDS } from './commands/index.js';
import { commandHelp, globalHelp } from './help.js';
import { processIo } from './io.js';
import type { CliIo } from './io.js';
import { reportError } from './report-error.js';

/** The CLI: dispatch argv to one command and return the process exit code. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const target = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.stdout.write(target ? commandHelp(target) : globalHelp(COMMANDS));
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`feedloom ${await packageVersion()}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`feedloom: unknown command '${name}' (commands: ${COMMANDS.map((c) => c.name).join(', ')})\n`);
    return EXIT.usage;
  }
  try {
    const args = parseCommandArgs(command, rest);
    if (args.values['help'] === true) {
      io.stdout.write(commandHelp(command));
      return EXIT.ok;
    }
    return await command.run(args, io);
  } catch (error) {
    return reportError(error, io, `feedloom ${command.name}`, command.logs === true);
  }
}

async function packageVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(await readFile(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'feedloom' && pkg.version) return pkg.version;
    } catch {
      // try the next location: the path differs between src/ (tsx) and dist/src/ (compiled)
    }
  }
  return 'unknown';
}
