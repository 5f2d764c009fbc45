// Shared, so a limit carries no clock closure of its own.
const monotonicNow = (): number => performance.now();

/**
 * A token bucket (`ratePerSecond` tokens refill continuously, up to `burst`) whose per-client
 * state is one number: the moment that client's bucket would be full again (the "theoretical
 * arrival time" of GCRA). The limit itself is shared by every client, so an open socket carries a
 * number per budget rather than a bucket object with its own clock and counters.
 */
export class RateLimit {
  /** Milliseconds one token takes to refill. */
  private readonly interval: number;
  /** How far ahead of now a client's full-again time may lie and still leave one token. */
  private readonly slack: number;

  constructor(
    ratePerSecond: number,
    burst: number,
    private readonly now: () => number = monotonicNow,
  ) {
    this.interval = 1000 / ratePerSecond;
    this.slack = (burst - 1) * this.interval;
  }

  /** The state of a client that has not sent anything yet: a full bucket. */
  static readonly FULL = 0;

  /**
   * Takes one token from the client whose state is `fullAt`: returns the client's new state, or
   * -1 when its bucket is empty (the caller is over its rate; its state stays as it was).
   */
  take(fullAt: number): number {
    const now = this.now();
    const from = Math.max(fullAt, now);
    if (from - now > this.slack) return -1;
    return from + this.interval;
  }
}
