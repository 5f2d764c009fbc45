/** Small numeric helpers for benchmark samples. */

/** The q-quantile (0..1) of `samples` by nearest rank; NaN when there are none. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** The median of the finite values; NaN when there are none. */
export function median(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return Number.NaN;
  const sorted = [...finite].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] ?? Number.NaN;
  return ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Latency samples in milliseconds, collected cheaply in one growing array. */
export class LatencySamples {
  private readonly values: number[] = [];

  add(milliseconds: number): void {
    this.values.push(milliseconds);
  }

  get count(): number {
    return this.values.length;
  }

  summary(): { p50: number; p99: number; max: number; count: number } {
    return {
      p50: quantile(this.values, 0.5),
      p99: quantile(this.values, 0.99),
      max: quantile(this.values, 1),
      count: this.values.length,
    };
  }
}
