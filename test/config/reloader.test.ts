import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, watchConfig } from '../../src/config/index.js';
import type { Config, ConfigReloader } from '../../src/config/index.js';
import { ConfigError } from '../../src/model/index.js';
import type { FeedloomError } from '../../src/model/index.js';

const config = (sources: string[], tick = '* * * * *') => JSON.stringify({
  schedule: { tick },
  sources: sources.map((id) => ({ id, url: `https://${id}.example/feed` })),
}, null, 2);

/** Resolves once `predicate` holds, polling every 20 ms (file events take a moment to arrive). */
async function eventually(predicate: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('watchConfig', () => {
  let folder: string;
  let file: string;
  let reloader: ConfigReloader | undefined;
  const changes: Config[] = [];
  const errors: FeedloomError[] = [];

  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'feedloom-reload-'));
    file = path.join(folder, 'feeds.config.json');
    writeFileSync(file, config(['a']));
    changes.length = 0;
    errors.length = 0;
  });
  afterEach(() => {
    reloader?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const start = async (options: { watch?: boolean } = {}) => {
    reloader = watchConfig({
      file, initial: await loadConfig(file), debounceMs: 30, ...options,
      onChange: (next) => void changes.push(next), onError: (error) => void errors.push(error),
    });
    return reloader;
  };

  it('applies a valid edit when the file changes, also when it is replaced by a rename', async () => {
    const r = await start();
    writeFileSync(file, config(['a', 'b']));
    await eventually(() => r.current().sources.length === 2);
    writeFileSync(path.join(folder, 'next.tmp'), config(['a', 'b', 'c']));
    renameSync(path.join(folder, 'next.tmp'), file);
    await eventually(() => r.current().sources.length === 3);
    expect(changes.at(-1)?.sources.map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(errors).toEqual([]);
  });

  it('refuses a broken edit with every problem, keeping the last good config', async () => {
    const r = await start();
    writeFileSync(file, JSON.stringify({ sources: [{ id: 'Bad Id', url: 'ftp://x' }] }));
    await eventually(() => errors.length > 0);
    expect(errors[0]).toBeInstanceOf(ConfigError);
    expect((errors[0] as ConfigError).problems.map((p) => p.path)).toEqual(['sources[0].id', 'sources[0].url']);
    expect(r.current().sources.map((s) => s.id)).toEqual(['a']);
    writeFileSync(file, config(['z']));
    await eventually(() => r.current().sources[0]?.id === 'z');
  });

  it('does not re-apply the config it started with, nor the same settings laid out differently', async () => {
    const r = await start({ watch: false });
    expect(await r.reload()).toBe(false);
    writeFileSync(file, JSON.stringify(JSON.parse(config(['a']))));
    expect(await r.reload()).toBe(false);
    expect(changes).toEqual([]);
    writeFileSync(file, config(['a', 'b']));
    expect(await r.reload()).toBe(true);
    expect(changes).toHaveLength(1);
  });

  it('reloads on SIGHUP, and not at all when the text is unchanged', async () => {
    const r = await start({ watch: false });
    writeFileSync(file, config(['a'], '*/5 * * * *'));
    process.kill(process.pid, 'SIGHUP');
    await eventually(() => r.current().schedule.tick === '*/5 * * * *');
    const applied = changes.length;
    expect(await r.reload()).toBe(false);
    expect(changes.length).toBe(applied);
  });
});
