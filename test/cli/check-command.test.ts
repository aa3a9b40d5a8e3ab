import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const folder = mkdtempSync(path.join(tmpdir(), 'feedloom-check-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

it('runs a dictionary whose vendor lists an alias in two cases, and warns about it', async () => {
  const config = path.join(folder, 'feeds.config.json');
  writeFileSync(config, JSON.stringify({
    vendors: [
      { id: 'vmware', name: 'VMware' },
      { id: 'suse', name: 'SUSE', aliases: ['SUSE', 'SuSE', 'openSUSE', 'SLES'] },
    ],
  }));
  const { code, stdout, stderr } = await runCli(['check'], { env: { FEEDLOOM_CONFIG: config } });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  expect(stdout).toContain('is valid');
  expect(stdout).toContain('warning: vendors[1].aliases[1]: alias "SuSE" repeats in another case ("SUSE") aliases[0]');
});
