// Writes feeds.schema.json (the JSON Schema editors read) from the config schema in src/config.
// `npm run schema` rewrites it; `npm run schema -- --check` only says whether the committed file is stale.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { configJsonSchemaText } from '../src/config/index.js';

const target = fileURLToPath(new URL('../feeds.schema.json', import.meta.url));
const fresh = configJsonSchemaText();

if (process.argv.includes('--check')) {
  const committed = await readFile(target, 'utf8').catch(() => '');
  if (committed !== fresh) {
    process.stderr.write('feeds.schema.json is stale: run `npm run schema`\n');
    process.exitCode = 1;
  }
} else {
  await writeFile(target, fresh);
  process.stdout.write(`wrote ${target}\n`);
}
