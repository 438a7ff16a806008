/**
 * Pushes run in the background, off the request that caused them: a notification is saved and
 * answered at once, and a slow or unreachable push service costs nobody a wait. An account already
 * waiting for (or in the middle of) a push is not queued again — that push already says that
 * something is waiting — so a burst of notifications gives one push, not a burst. At most
 * `concurrency` accounts are served at a time and at most `maxPending` wait; beyond that a push is
 * dropped and reported (the notification itself is in Mend).
 */
export class PushQueue {
  private readonly waiting: string[] = [];
  private readonly queued = new Set<string>();
  private running = 0;
  private closed = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly run: (accountId: string) => Promise<void>,
    private readonly options: { concurrency: number; maxPending: number; dropped: () => void },
  ) {}

  /** Asks for a push to the account; true when it was queued, false when one already is (or none can be). */
  add(accountId: string): boolean {
    if (this.closed || this.queued.has(accountId)) return false;
    if (this.waiting.length >= this.options.maxPending) {
      this.options.dropped();
      return false;
    }
    this.queued.add(accountId);
    this.waiting.push(accountId);
    // Never within the request: the next turn of the event loop at the earliest.
    setImmediate(() => this.pump());
    return true;
  }

  private pump(): void {
    while (this.running < this.options.concurrency && this.waiting.length > 0) {
      const accountId = this.waiting.shift()!;
      this.running += 1;
      void this.run(accountId)
        // `run` reports its own failures; anything else thrown is not allowed to stop the queue.
        .catch(() => undefined)
        .finally(() => {
          this.running -= 1;
          this.queued.delete(accountId);
          this.pump();
          this.settle();
        });
    }
    this.settle();
  }

  private settle(): void {
    if (this.running > 0 || this.waiting.length > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Resolves once nothing is queued or being sent (tests wait on it; so does closing). */
  idle(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Takes no more, drops what waits, and lets what is being sent finish. */
  async close(): Promise<void> {
    this.closed = true;
    for (const id of this.waiting.splice(0)) this.queued.delete(id);
    await this.idle();
  }
}
