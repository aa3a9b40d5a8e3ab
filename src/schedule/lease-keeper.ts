import { FeedloomError } from '../model/index.js';

/** Renewals per lease length: a lease is renewed when a third of it has run, so one late renewal still keeps it. */
const RENEWALS_PER_LEASE = 3;

/** A lease being kept while its work runs. */
export interface LeaseKeeper {
  /** Aborts, with a LEASE_LOST error as its reason, when a renewal finds the lease taken by another worker. */
  readonly lost: AbortSignal;
  /** Stop renewing (the work is done, or gave up); a renewal under way is let finish, its answer ignored. */
  stop(): void;
}

/** How to keep one lease. */
export interface KeepLeaseOptions {
  /** What is leased, for the LEASE_LOST message (`source lwn`). */
  what: string;
  leaseMs: number;
  /**
   * Extend the lease to `leaseMs` from now: true if it was still this worker's, false if another took it. When it
   * throws (the database did not answer), the next renewal tries again: two more come before the lease runs out.
   */
  renew: () => Promise<boolean>;
}

/**
 * Renew a lease every third of its length while the work it covers runs, so a slow but healthy document (a
 * slow body, a long parse, a write waiting for the database) is never taken over by another worker and
 * fetched twice. A renewal that finds the lease taken aborts `lost`, so the work can stop and report
 * LEASE_LOST instead of writing. The timer does not keep the process alive.
 */
export function keepLease(options: KeepLeaseOptions): LeaseKeeper {
  const controller = new AbortController();
  const every = Math.max(1, Math.floor(options.leaseMs / RENEWALS_PER_LEASE));
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const schedule = (): void => {
    timer = setTimeout(() => void renewal(), every);
    timer.unref();
  };
  const renewal = async (): Promise<void> => {
    try {
      const kept = await options.renew();
      if (stopped) return;
      if (!kept) {
        stopped = true;
        controller.abort(new FeedloomError('LEASE_LOST', `${options.what}: lease lost to another worker while the fetch was under way; result discarded`));
        return;
      }
    } catch {
      // Not an answer: the lease may well still be ours. The next renewal asks again, and the write checks the token.
      if (stopped) return;
    }
    schedule();
  };
  schedule();
  return {
    lost: controller.signal,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
