import { access } from 'node:fs/promises';
import path from 'node:path';
import { configPath, loadConfig } from '../config/index.js';
import type { Config } from '../config/index.js';
import type { CliIo } from './io.js';

/** The config file a command uses, resolved against the working directory. */
export function configFile(io: CliIo): string {
  return path.resolve(io.cwd, configPath(io.env));
}

/** Load and validate the config; throws ConfigError (exit 2) listing every problem. */
export async function requireConfig(io: CliIo): Promise<Config> {
  return loadConfig(configFile(io));
}

/**
 * The config if there is one; undefined when the default file does not exist (commands such as `parse`
 * work anywhere). A file named by FEEDLOOM_CONFIG must exist, and any config present must be valid.
 */
export async function optionalConfig(io: CliIo): Promise<Config | undefined> {
  const file = configFile(io);
  if (!io.env['FEEDLOOM_CONFIG']) {
    try {
      await access(file);
    } catch {
      return undefined;
    }
  }
  return loadConfig(file);
}
