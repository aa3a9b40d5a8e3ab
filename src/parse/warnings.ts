const MAX_WARNINGS = 50;

/** Collects recoverable problems (feedparser's "bozo"), each message once, at most 50 of them. */
export class Warnings {
  private readonly seen = new Set<string>();
  private readonly list: string[] = [];
  private dropped = 0;

  /** Record a problem; repeats of the same message are kept once. */
  add(message: string): void {
    if (this.seen.has(message)) return;
    this.seen.add(message);
    if (this.list.length < MAX_WARNINGS) this.list.push(message);
    else this.dropped++;
  }

  /** Record several problems. */
  addAll(messages: readonly string[]): void {
    for (const m of messages) this.add(m);
  }

  /** Every message recorded, in order, none left out: for replaying into another collector. */
  all(): string[] {
    return [...this.seen];
  }

  /** The recorded messages, with a closing count of any left out. */
  toArray(): string[] {
    return this.dropped ? [...this.list, `... and ${this.dropped} more warnings`] : [...this.list];
  }
}
