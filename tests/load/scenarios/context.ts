import type { BenchConfig } from '../config';
import type { MetricBook } from '../results';
import type { BenchServer } from '../servers';

/** What every scenario gets: the servers (in interleaving order), sizes, where to record, a logger. */
export interface ScenarioContext {
  servers: readonly BenchServer[];
  config: BenchConfig;
  book: MetricBook;
  log(line: string): void;
}

/** Formats a number for progress lines. */
export function fixed(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}
