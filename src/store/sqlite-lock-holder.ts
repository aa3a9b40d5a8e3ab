import { readFileSync, statSync } from 'node:fs';

/** The inode of a file, or undefined when it does not exist. */
function inodeOf(path: string): number | undefined {
  try {
    return statSync(path).ino;
  } catch {
    return undefined;
  }
}

function commandLine(pid: number): string {
  try {
    const text = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((part) => part !== '').join(' ');
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  } catch {
    return '';
  }
}

/**
 * Which other process holds a write lock on an SQLite database (the file itself, or its -wal / -shm in WAL mode),
 * as "pid 1234 (node feedloom ingest)"; undefined when that cannot be told (no /proc/locks: not Linux).
 */
export function sqliteLockHolder(path: string): string | undefined {
  const inodes = new Set([path, `${path}-wal`, `${path}-shm`].map(inodeOf).filter((ino): ino is number => ino !== undefined));
  let table: string;
  try {
    table = readFileSync('/proc/locks', 'utf8');
  } catch {
    return undefined;
  }
  const holders = new Set<number>();
  for (const line of table.split('\n')) {
    // "1: POSIX  ADVISORY  WRITE 12345 fd:01:1234567 120 120"
    const fields = line.trim().split(/\s+/);
    const [, , , mode, pidText, device] = fields;
    if (mode !== 'WRITE' || pidText === undefined || device === undefined) continue;
    const inode = Number(device.split(':').at(-1));
    const pid = Number(pidText);
    if (inodes.has(inode) && pid !== process.pid) holders.add(pid);
  }
  if (holders.size === 0) return undefined;
  return [...holders].map((pid) => {
    const command = commandLine(pid);
    return `pid ${pid}${command ? ` (${command})` : ''}`;
  }).join(', ');
}
