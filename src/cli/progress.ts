/** A one-line progress bar on a terminal; does nothing when the stream is not a TTY (cron, pipes, tests). */
export interface Progress {
  update(done: number, total: number, label?: string): void;
  finish(): void;
}

/** A progress bar on `stream` if it is a TTY, else a no-op. */
export function createProgress(stream: { write(chunk: string): unknown; isTTY?: boolean }): Progress {
  if (!stream.isTTY) return { update: () => {}, finish: () => {} };
  let drawn = false;
  return {
    update(done, total, label = '') {
      const width = 24;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
      stream.write(`\r\x1b[2K[${bar}] ${done}/${total} ${label}`.slice(0, 120));
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
