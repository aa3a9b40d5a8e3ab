import { readFile } from 'node:fs/promises';
import { ConfigError } from '../model/errors.js';
import { aliasRepeats, crossCheck } from './cross-checks.js';
import { JsonSyntaxError, parseJsonDocument } from './json-document.js';
import type { JsonDocument } from './json-document.js';
import { formatPath, orderProblems } from './problems.js';
import type { RawProblem } from './problems.js';
import { resolveConfig } from './resolve.js';
import { checkShape, knownKeysAt } from './schema.js';
import { shapeProblems } from './shape-problems.js';
import type { Config } from './types.js';

/** Where the config lives: FEEDLOOM_CONFIG, else ./feeds.config.json. */
export function configPath(env: Record<string, string | undefined>): string {
  return env['FEEDLOOM_CONFIG'] || './feeds.config.json';
}

/** Read and validate a config file; throws ConfigError listing every problem (or saying the file cannot be read). */
export async function loadConfig(path: string): Promise<Config> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, [{ path: '$', message: readFailure(error) }]);
  }
  return parseConfig(text, path);
}

/** Validate config JSON text; throws ConfigError listing every problem by JSON path, in document order. */
export function parseConfig(jsonText: string, fileName: string): Config {
  let document: JsonDocument;
  try {
    document = parseJsonDocument(jsonText);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const { line, column } = error.position;
    throw new ConfigError(fileName, [{ path: '$', message: `invalid JSON at line ${line}, column ${column}: ${error.message}`, line, column }]);
  }
  const shape = checkShape(document.value);
  const problems: RawProblem[] = [
    ...document.duplicateKeys.map(({ path }) => ({ path, message: 'duplicate key: this object already has it (only one would count)' })),
    ...(shape.ok ? [] : shapeProblems(shape.issues, knownKeysAt)),
    ...crossCheck(document.value),
  ];
  if (problems.length > 0 || !shape.ok) throw new ConfigError(fileName, orderProblems(problems, document));
  return resolveConfig(shape.config, aliasRepeats(document.value).map((note) => `${formatPath(note.path)}: ${note.message}`));
}

function readFailure(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'ENOENT') return 'config file not found (set FEEDLOOM_CONFIG to use another file)';
  if (code === 'EACCES' || code === 'EPERM') return 'config file cannot be read: permission denied';
  if (code === 'EISDIR') return 'config path is a directory, not a file';
  return `config file cannot be read: ${error instanceof Error ? error.message : String(error)}`;
}
