import { describeConfig } from '../../config/index.js';
import { EXIT } from '../command.js';
import type { Command } from '../command.js';
import { configFile, requireConfig } from '../context.js';

/** `feedloom check`: validate the config and print what would run. */
export const checkCommand: Command = {
  name: 'check',
  summary: 'Validate the config and print what would run',
  usage: '',
  description: 'Lists every problem by JSON path and exits 2 when the config is invalid.',
  options: {},
  async run(_args, io) {
    const config = await requireConfig(io);
    io.stdout.write(`config ${configFile(io)} is valid\n`);
    for (const warning of config.warnings) io.stdout.write(`warning: ${warning}\n`);
    for (const line of describeConfig(config)) io.stdout.write(`${line}\n`);
    return EXIT.ok;
  },
};
