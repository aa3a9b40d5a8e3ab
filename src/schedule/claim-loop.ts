/** What `runClaimLoop` runs: how to claim work, how to do one piece, and how many at once. */
export interface ClaimLoopOptions<T> {
  /** Most pieces of work in flight at once. */
  concurrency: number;
  /** Claim up to `limit` pieces of work (leased to this process); fewer, or none, when no more can be had now. */
  claim: (limit: number) => Promise<T[]>;
  work: (item: T) => Promise<void>;
  /** Abort: claim nothing more, let the work in flight finish. */
  signal?: AbortSignal;
}

/**
 * Claim work only as slots free up, so nothing claimed waits in a local queue while its lease runs
 * down. After a claim comes back empty, the loop claims again only when a piece of work finishes (it may
 * have freed a host's slot); it ends when a claim is empty and nothing is in flight. The first failure
 * (of `claim` or of `work`) stops claiming; the work in flight finishes, then the loop rejects with it.
 */
export async function runClaimLoop<T>(options: ClaimLoopOptions<T>): Promise<void> {
  const concurrency = Math.max(1, options.concurrency);
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  let drained = false;
  // Pieces finished so far: one that finishes while a claim is under way may free a slot that claim did not see.
  let finished = 0;
  const start = (item: T): void => {
    const task: Promise<void> = options.work(item).then(
      () => undefined,
      (error: unknown) => {
        failure ??= { error };
      },
    ).finally(() => {
      inFlight.delete(task);
      finished += 1;
      drained = false;
    });
    inFlight.add(task);
  };
  for (;;) {
    const stopping = failure !== undefined || options.signal?.aborted === true;
    const free = concurrency - inFlight.size;
    if (!stopping && !drained && free > 0) {
      try {
        const before = finished;
        const batch = await options.claim(free);
        for (const item of batch) start(item);
        drained = batch.length === 0 && finished === before;
        if (!drained) continue;
      } catch (error) {
        failure ??= { error };
      }
    }
    if (inFlight.size === 0) break;
    await Promise.race(inFlight);
  }
  if (failure !== undefined) throw failure.error;
}
