/**
 * Calls `onDue(key)` once `delayMs` has passed since `key` was last scheduled, for any number of
 * keys on one timer. Every key waits the same delay, so a Map kept in scheduling order is also in
 * deadline order: scheduling a key again moves it to the end, and the timer only ever waits for the
 * first. A Node timer per document instead costs a Timeout object, a closure and its scope
 * (~200 bytes) for as long as the document waits, and a document being edited always waits.
 */
export class DeadlineQueue<K> {
  /** Key → the Date.now() at which it is due; iteration order is deadline order. */
  private readonly deadlines = new Map<K, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly delayMs: number,
    private readonly onDue: (key: K) => void,
  ) {}

  /** (Re)starts `key`'s wait: it is due `delayMs` from now, whatever it was due before. */
  schedule(key: K): void {
    this.deadlines.delete(key);
    this.deadlines.set(key, Date.now() + this.delayMs);
    if (!this.timer) this.arm();
  }

  cancel(key: K): void {
    if (!this.deadlines.delete(key) || this.deadlines.size > 0) return;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Forgets every key (shutdown). */
  clear(): void {
    this.deadlines.clear();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  has(key: K): boolean {
    return this.deadlines.has(key);
  }

  get size(): number {
    return this.deadlines.size;
  }

  private arm(): void {
    const first = this.deadlines.values().next();
    if (first.done) return;
    // The timer callback is made here, once per wait of the whole queue, not once per key.
    this.timer = setTimeout(() => this.fire(), Math.max(0, first.value - Date.now()));
    this.timer.unref();
  }

  private fire(): void {
    this.timer = undefined;
    const now = Date.now();
    try {
      for (const [key, dueAt] of this.deadlines) {
        // Later keys are due later still; a timer may also fire a millisecond before Date.now agrees.
        if (dueAt > now) break;
        this.deadlines.delete(key);
        this.onDue(key);
      }
    } finally {
      if (!this.timer) this.arm();
    }
  }
}
