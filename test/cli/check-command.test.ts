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

/** `check` on a config of one source (plus `extra` merged at the top level). */
async function checkConfig(name: string, source: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const config = path.join(folder, `${name}.json`);
  writeFileSync(config, JSON.stringify({ sources: [{ id: 'one', ...source }], ...extra }, null, 2));
  return runCli(['check'], { env: { FEEDLOOM_CONFIG: config } });
}

it('refuses a source URL carrying user:password@, naming the path, and never echoes the password', async () => {
  const { code, stderr, stdout } = await checkConfig('credentials', { url: 'https://alice:s3cret@feeds.example.org/rss' });
  expect(code).toBe(2);
  expect(stderr).toMatch(/sources\[0\]\.url: credentials \(user:password@\) in a URL are refused/);
  expect(stderr + stdout).not.toContain('s3cret');
});

it('takes Basic credentials in the source\'s own "auth" setting and does not print them', async () => {
  const { code, stdout, stderr } = await checkConfig('auth', { url: 'https://feeds.example.org/rss', auth: { username: 'alice', password: 's3cret' } });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  expect(stdout).not.toContain('s3cret');
});

it('refuses URLs longer than 2,048 characters', async () => {
  const url = `https://feeds.example.org/${'a'.repeat(2_030)}`;
  const { code, stderr } = await checkConfig('long', { url });
  expect(code).toBe(2);
  expect(stderr).toContain(`sources[0].url: URL too long: ${url.length} characters (at most 2048)`);
});

it.each([
  ['CR/LF', 'feedloom/1.0\r\nX-Injected: yes'],
  ['LF', 'feedloom/1.0\nX: y'],
  ['NUL', 'feedloom\u0000'],
])('refuses a fetch.userAgent with %s, which would make every fetch fail', async (_name, userAgent) => {
  const { code, stderr } = await checkConfig('agent', { url: 'https://feeds.example.org/rss' }, { fetch: { userAgent } });
  expect(code).toBe(2);
  expect(stderr).toMatch(/fetch\.userAgent: contains a control character/);
});

it.each([
  ['0 0 31 2 *', 2, /schedule\.tick: .*impossible day of month/],
  ['5-1 * * * *', 0, undefined],
])('judges schedule.tick %j as node-cron does (exit %i)', async (tick, exitCode, problem) => {
  const { code, stderr } = await checkConfig('tick', { url: 'https://feeds.example.org/rss' }, { schedule: { tick } });
  expect(code).toBe(exitCode);
  if (problem) expect(stderr).toMatch(problem);
  else expect(stderr).toBe('');
});
