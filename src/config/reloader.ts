import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { ConfigError, toFeedloomError } from '../model/errors.js';
import type { FeedloomError } from '../model/errors.js';
import { parseConfig } from './load.js';
import type { Config } from './types.js';

/** A config that follows its file: the last good version, reloaded on change and on SIGHUP. */
export interface ConfigReloader {
  /** The config in effect: the last version that validated. */
  current(): Config;
  /** Read the file again now; resolves true when a changed, valid config was applied. */
  reload(): Promise<boolean>;
  /** Stop watching and listening for signals. */
  close(): void;
}

/** What the reloader watches and whom it tells. */
export interface ReloaderOptions {
  file: string;
  /** The config already loaded from `file` at start. */
  initial: Config;
  /** A changed, valid config was applied (called in order, one at a time). */
  onChange: (config: Config, previous: Config) => void | Promise<void>;
  /** A changed config was refused (ConfigError lists every problem) or could not be read; the last good one stays. */
  onError: (error: FeedloomError) => void;
  /** Watch the file (default true). */
  watch?: boolean;
  /** Signals that force a reload (default SIGHUP). */
  signals?: NodeJS.Signals[];
  /** Quiet time after the last file event before reading (editors write in several steps); default 200 ms. */
  debounceMs?: number;
}

/**
 * Keep a config in step with its file. The folder is watched rather than the file, because editors
 * and `feedloom sources add` replace the file by renaming a new one over it. A reload that yields the
 * config already in effect (same text, or only layout changed) does nothing; a broken edit is reported and
 * the last good config stays in effect.
 */
export function watchConfig(options: ReloaderOptions): ConfigReloader {
  let config = options.initial;
  let lastText: string | undefined;
  let chain: Promise<boolean> = Promise.resolve(false);
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const readAndApply = async (): Promise<boolean> => {
    let text: string;
    try {
      text = await readFile(options.file, 'utf8');
    } catch (error) {
      options.onError(new ConfigError(options.file, [{ path: '$', message: `cannot read the config: ${toFeedloomError(error).message}` }]));
      return false;
    }
    if (text === lastText) return false;
    lastText = text;
    let next: Config;
    try {
      next = parseConfig(text, options.file);
    } catch (error) {
      options.onError(toFeedloomError(error));
      return false;
    }
    // The same settings written differently (or a first event that changed nothing) change nothing.
    if (isDeepStrictEqual(next, config)) return false;
    const previous = config;
    config = next;
    try {
      await options.onChange(next, previous);
    } catch (error) {
      options.onError(toFeedloomError(error));
    }
    return true;
  };
  const reload = (): Promise<boolean> => {
    if (closed) return Promise.resolve(false);
    chain = chain.then(readAndApply, readAndApply);
    return chain;
  };
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), options.debounceMs ?? 200);
  };

  let watcher: FSWatcher | undefined;
  if (options.watch !== false) {
    const name = path.basename(options.file);
    watcher = watch(path.dirname(options.file), (_event, changed) => {
      if (changed === null || changed === name) schedule();
    });
    watcher.on('error', (error) => options.onError(toFeedloomError(error)));
  }
  const signals = options.signals ?? ['SIGHUP'];
  const onSignal = (): void => void reload();
  for (const signal of signals) process.on(signal, onSignal);

  return {
    current: () => config,
    reload,
    close() {
      closed = true;
      clearTimeout(timer);
      watcher?.close();
      for (const signal of signals) process.off(signal, onSignal);
    },
  };
}
