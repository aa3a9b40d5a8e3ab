import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.js';

/** `feedloom ingest --all --json` against a config of its own, in a temporary folder (what cron runs). */
export interface IngestCli {
  /** Run one pass on the database at `databaseUrl`: the exit code and what it printed. */
  ingest(databaseUrl: string): Promise<{ code: number; stdout: string }>;
  /** Remove the folder. */
  remove(): void;
}

/** Write `config` as feeds.config.json in a new temporary folder named after `prefix`, and run ingest with it. */
export function ingestCli(prefix: string, config: unknown): IngestCli {
  const folder = mkdtempSync(path.join(tmpdir(), prefix));
  const file = path.join(folder, 'feeds.config.json');
  writeFileSync(file, JSON.stringify(config));
  return {
    async ingest(databaseUrl) {
      let stdout = '';
      const env = { DATABASE_URL: databaseUrl, FEEDLOOM_CONFIG: file };
      const code = await main(['ingest', '--all', '--json'], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => {} }, env, cwd: folder });
      return { code, stdout };
    },
    remove: () => rmSync(folder, { recursive: true, force: true }),
  };
}
