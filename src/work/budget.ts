import { FeedloomError } from '../model/index.js';

/**
 * The CPU time one document may use in its worker thread (config `limits.cpuBudgetMs`), over every task it takes
 * (its read, then its enrichment). Time is the task's wall-clock time in its thread from when the thread starts
 * it: Node 20 cannot read one thread's CPU time, and a thread of the pool does nothing else meanwhile.
 */
export class CpuBudget {
  spentMs = 0;

  constructor(readonly limitMs: number) {}

  /** What is left for the next task (0 or less: nothing). */
  get remainingMs(): number {
    return this.limitMs - this.spentMs;
  }

  /** The TOO_COMPLEX error of a document over this budget. */
  exceeded(): FeedloomError {
    return new FeedloomError(
      'TOO_COMPLEX',
      `document too complex: over the CPU budget of limits.cpuBudgetMs (${this.limitMs} ms); its worker thread was stopped and replaced`,
    );
  }
}
