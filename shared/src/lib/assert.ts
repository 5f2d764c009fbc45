/** Throws when `condition` is false: for invariants that only a bug can break. */
export function assert(condition: unknown, message = 'Assertion failed'): asserts condition {
  if (!condition) throw new Error(message);
}

/** Returns `value`, throwing if it is null or undefined. */
export function assertExists<T>(value: T | null | undefined, message = 'Expected a value'): T {
  if (value === null || value === undefined) throw new Error(message);
  return value;
}

/** For the `default` branch of a switch that covers every case of a union. */
export function exhaustiveSwitchError(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
