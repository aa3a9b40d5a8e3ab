/** The signal that ends a fetch: its own overall deadline, combined with the caller's signal if any. */
export interface Deadline {
  signal: AbortSignal;
  /** True once the fetch's own time budget has run out (not the caller's). */
  expired(): boolean;
}

/** Start the overall deadline of one fetch. */
export function startDeadline(timeoutMs: number, callerSignal: AbortSignal | undefined): Deadline {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = callerSignal ? AbortSignal.any([timeout, callerSignal]) : timeout;
  return { signal, expired: () => timeout.aborted };
}

/**
 * Settle with `work`, or reject with the signal's reason as soon as it aborts, whichever comes first.
 * undici only notices an abort between phases, so without this a hung connect would outlive the deadline.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
