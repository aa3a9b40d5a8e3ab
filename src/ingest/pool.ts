/**
 * Run `work` over `items` with at most `concurrency` in flight overall and at most `perKey` in flight for
 * any one key (the source's host), so one slow publisher never holds more than its share of connections.
 * Order of completion is not order of input; every item is processed exactly once — unless `signal`
 * aborts: then nothing new starts, the ones in flight finish, and the rest are left undone.
 */
export async function runPool<T>(
  items: readonly T[],
  options: { concurrency: number; perKey: number; key: (item: T) => string; signal?: AbortSignal },
  work: (item: T) => Promise<void>,
): Promise<void> {
  const pending = [...items];
  const active = new Map<string, number>();
  let running = 0;
  return new Promise<void>((resolve, reject) => {
    let failed = false;
    const launch = (): void => {
      if (failed) return;
      if (options.signal?.aborted) pending.length = 0;
      if (pending.length === 0 && running === 0) {
        resolve();
        return;
      }
      while (running < options.concurrency && pending.length > 0) {
        const index = pending.findIndex((item) => (active.get(options.key(item)) ?? 0) < options.perKey);
        if (index < 0) return;
        const [item] = pending.splice(index, 1) as [T];
        const key = options.key(item);
        active.set(key, (active.get(key) ?? 0) + 1);
        running++;
        work(item).then(
          () => {
            running--;
            active.set(key, (active.get(key) ?? 1) - 1);
            launch();
          },
          (error: unknown) => {
            failed = true;
            reject(error);
          },
        );
      }
    };
    launch();
  });
}
