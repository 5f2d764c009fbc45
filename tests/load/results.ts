import type { ServerKind } from './servers';
import { median } from './stats';

/** One figure measured on every server, once per repetition. */
export interface Metric {
  scenario: string;
  name: string;
  unit: string;
  /** Which direction is better; decides how the target ratio reads. */
  better: 'lower' | 'higher';
  /** Target for Plenary / reference (≤ when lower is better, ≥ when higher is better). */
  targetRatio?: number;
  /** Show Plenary − relay, and when a number is given, require it to be at most that. */
  relayGapTarget?: number | null;
  /** An upper bound on Plenary's own value. */
  plenaryMax?: number;
  note?: string;
  repetitions: Partial<Record<ServerKind, number[]>>;
}

/** Collects metrics in the order scenarios define them. */
export class MetricBook {
  readonly metrics: Metric[] = [];

  define(definition: Omit<Metric, 'repetitions'>): (kind: ServerKind, value: number) => void {
    const metric: Metric = { ...definition, repetitions: {} };
    this.metrics.push(metric);
    return (kind, value) => {
      const values = metric.repetitions[kind] ?? [];
      values.push(value);
      metric.repetitions[kind] = values;
    };
  }
}

/** The median of a metric on one server, NaN when it was not measured there. */
export function medianOf(metric: Metric, kind: ServerKind): number {
  return median(metric.repetitions[kind] ?? []);
}
