import { open, readFile, rm, stat } from 'node:fs/promises';
import { FeedloomError } from '../model/errors.js';

/** How long an edit waits for another process's edit of the same file. */
const WAIT_MS = 15_000;
/** A lock older than this was left by a process that died mid-edit (an edit takes milliseconds). */
const STALE_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the lock file at `path` was left by a process that is gone, or is older than any edit takes. */
async function isStale(path: string): Promise<boolean> {
  const [text, info] = await Promise.all([readFile(path, 'utf8').catch(() => ''), stat(path).catch(() => undefined)]);
  if (info === undefined) return false;
  const pid = Number(text.trim());
  if (Number.isSafeInteger(pid) && pid > 0 && !isAlive(pid)) return true;
  return Date.now() - info.mtimeMs > STALE_MS;
}

/**
 * Run `work` holding an exclusive lock on `file` (a `FILE.lock` beside it, created with O_EXCL and holding our
 * pid), so that concurrent edits by several processes happen one after the other. Waits with backoff for
 * another holder; a lock whose process is gone is taken over. The lock is removed when `work` settles.
 */
export async function withFileLock<T>(file: string, work: () => Promise<T>): Promise<T> {
  const lock = `${file}.lock`;
  const started = Date.now();
  for (let delay = 10; ; delay = Math.min(delay * 2, 250)) {
    try {
      const handle = await open(lock, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new FeedloomError('CONFIG_INVALID', `cannot lock ${file} for editing (${lock}): ${(error as Error).message}`, { cause: error });
      }
      if (await isStale(lock)) {
        await rm(lock, { force: true });
        continue;
      }
      if (Date.now() - started > WAIT_MS) {
        const holder = (await readFile(lock, 'utf8').catch(() => '')).trim();
        throw new FeedloomError('CONFIG_INVALID', `${file} is being edited by another process${holder ? ` (pid ${holder})` : ''}: `
          + `gave up after ${WAIT_MS / 1000} s; remove ${lock} if no edit is running`);
      }
      await sleep(delay + Math.random() * delay);
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { force: true });
  }
}
