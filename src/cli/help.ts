import type { Command } from './command.js';

const ENVIRONMENT = `Environment:
  FEEDLOOM_CONFIG   config file (default ./feeds.config.json)
  DATABASE_URL      sqlite:PATH or postgres://... (default sqlite:./data/feedloom.db)
  HOST, PORT        HTTP address for serve/run (default 127.0.0.1:8080)
  LOG_LEVEL         debug | info | warn | error (default info)

Exit codes: 0 done; 1 the job ran but failed; 2 bad usage or bad config.`;

/** `feedloom --help`: every command with its one-line summary. */
export function globalHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`);
  return `feedloom - aggregate, deduplicate and republish industry news feeds

Usage: feedloom <command> [options]

Commands:
${lines.join('\n')}

${ENVIRONMENT}
Run 'feedloom <command> --help' for a command's options.
`;
}

/** `feedloom <command> --help`: usage, description and options. */
export function commandHelp(command: Command): string {
  const opts = Object.entries(command.options).map(([name, spec]) => {
    const short = spec.short ? `-${spec.short}, ` : '';
    const value = spec.type === 'string' ? ` ${spec.valueName ?? 'VALUE'}` : '';
    return { left: `${short}--${name}${value}${spec.multiple ? ' (repeatable)' : ''}`, help: spec.help };
  });
  opts.push({ left: '-h, --help', help: 'show this help' });
  const width = Math.max(...opts.map((o) => o.left.length)) + 2;
  const description = command.description ? `\n${command.description.trimEnd()}\n` : '';
  return `Usage: feedloom ${command.name} ${command.usage}

${command.summary}
${description}
Options:
${opts.map((o) => `  ${o.left.padEnd(width)}${o.help}`).join('\n')}
`;
}
