/** A graceful stop requested by a signal: `signal` aborts on the first one; `dispose` stops listening. */
export interface ShutdownSignal {
  signal: AbortSignal;
  /** The signal that asked to stop, once one has. */
  received(): NodeJS.Signals | undefined;
  dispose(): void;
}

/**
 * Listen for SIGTERM and SIGINT (or `signals`): the first aborts `signal` (stop claiming, let the work in
 * flight finish, release leases), a second one calls `onRepeat` (the CLI exits at once).
 */
export function shutdownSignal(
  options: { signals?: NodeJS.Signals[]; onFirst?: (signal: NodeJS.Signals) => void; onRepeat?: (signal: NodeJS.Signals) => void } = {},
): ShutdownSignal {
  const controller = new AbortController();
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  let received: NodeJS.Signals | undefined;
  const handler = (signal: NodeJS.Signals): void => {
    if (received !== undefined) {
      options.onRepeat?.(signal);
      return;
    }
    received = signal;
    options.onFirst?.(signal);
    controller.abort();
  };
  for (const signal of signals) process.on(signal, handler);
  return {
    signal: controller.signal,
    received: () => received,
    dispose: () => {
      for (const signal of signals) process.off(signal, handler);
    },
  };
}
