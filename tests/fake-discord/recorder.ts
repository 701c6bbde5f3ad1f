/** An append-only list whose entries can be awaited: `waitFor` resolves with the first match, past or future. */
export class Recorder<T> {
  readonly items: T[] = [];
  private readonly waiters = new Set<{ test: (item: T) => boolean; resolve: (item: T) => void; fail: (error: Error) => void }>();

  constructor(
    private readonly kind: string,
    private readonly describe: (item: T) => string,
  ) {}

  push(item: T): void {
    this.items.push(item);
    for (const waiter of [...this.waiters]) {
      if (waiter.test(item)) waiter.resolve(item);
    }
  }

  waitFor(test: (item: T) => boolean, timeoutMs: number, label = "predicate"): Promise<T> {
    const found = this.items.find(test);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const waiter = {
        test,
        resolve: (item: T) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(item);
        },
        fail: (error: Error) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          reject(error);
        },
      };
      const timer = setTimeout(() => waiter.fail(new Error(`${this.timeoutMessage(label, timeoutMs)}`)), timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Rejects every pending waiter (used by `close()` so no timer outlives the fake). */
  cancelAll(reason: string): void {
    for (const waiter of [...this.waiters]) waiter.fail(new Error(`${this.kind}: ${reason}`));
  }

  private timeoutMessage(label: string, timeoutMs: number): string {
    const lines = this.items.map((item, index) => `  ${index + 1}. ${this.describe(item)}`);
    return [
      `No ${this.kind} matching ${label} within ${timeoutMs}ms. Recorded ${this.kind}s (${this.items.length}):`,
      ...(lines.length > 0 ? lines : ["  (none)"]),
    ].join("\n");
  }
}
