import * as prng from 'lib0/prng';
import { onTestFailed } from 'vitest';

/** A seeded random generator (lib0's xoroshiro128+), so a failing run can be replayed exactly. */
export type Random = prng.PRNG;

/**
 * The seed for the running test: `TEST_SEED` when set, to replay a failure, else a fresh one.
 * Call it inside a test; the seed is printed if that test fails.
 */
export function testSeed(): number {
  const fromEnv = process.env.TEST_SEED;
  const seed = fromEnv ? Number.parseInt(fromEnv, 10) : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isSafeInteger(seed)) throw new Error(`TEST_SEED must be an integer, got ${fromEnv}`);
  onTestFailed(({ task }) => {
    console.error(`"${task.name}" failed with seed ${seed}; replay it with TEST_SEED=${seed}`);
  });
  return seed;
}

/** A generator for `seed`. */
export function seededRandom(seed: number): Random {
  return prng.create(seed);
}

/** True with probability `p`. */
export function chance(random: Random, p: number): boolean {
  return random.next() < p;
}

/** An integer in [min, max]. */
export function between(random: Random, min: number, max: number): number {
  return prng.int32(random, min, max);
}

/** One element of a non-empty array. */
export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[between(random, 0, items.length - 1)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** `length` random bytes. */
export function randomBytes(random: Random, length: number): Uint8Array {
  return prng.uint8Array(random, length);
}
