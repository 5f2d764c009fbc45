import { describe, expect, it } from 'vitest';
import { RateLimit } from './RateLimit';

/** Takes `count` tokens in a row for one client, as a list of allowed / refused. */
function takeMany(limit: RateLimit, client: { fullAt: number }, count: number): boolean[] {
  return Array.from({ length: count }, () => {
    const next = limit.take(client.fullAt);
    if (next < 0) return false;
    client.fullAt = next;
    return true;
  });
}

describe('RateLimit', () => {
  it('allows a burst, then refuses until time refills it at the given rate', () => {
    let now = 0;
    const limit = new RateLimit(10, 5, () => now);
    const client = { fullAt: RateLimit.FULL };
    expect(takeMany(limit, client, 6)).toEqual([true, true, true, true, true, false]);
    now += 100; // 10 per second → one token per 100 ms
    expect(takeMany(limit, client, 2)).toEqual([true, false]);
    now += 10_000;
    expect(takeMany(limit, client, 6).filter(Boolean)).toHaveLength(5);
  });

  it('refills part of the burst after part of the time, and keeps each client to its own budget', () => {
    let now = 1_000;
    const limit = new RateLimit(10, 5, () => now);
    const busy = { fullAt: RateLimit.FULL };
    const quiet = { fullAt: RateLimit.FULL };
    expect(takeMany(limit, busy, 5).every(Boolean)).toBe(true);
    now += 250; // two and a half tokens back: two whole ones
    expect(takeMany(limit, busy, 3)).toEqual([true, true, false]);
    expect(takeMany(limit, quiet, 5).every(Boolean)).toBe(true);
  });
});
