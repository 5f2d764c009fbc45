import { appendFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where every fault run appends its figures (one JSON object per line), so the numbers in
 * docs/reliability.md come from a real run: `FAULT_FIGURES_FILE` when set, else a file in the
 * temp folder.
 */
export const FIGURES_FILE = process.env.FAULT_FIGURES_FILE ?? join(tmpdir(), 'plenary-fault-figures.jsonl');

/** Records the figures of one run: printed with the test output and appended to FIGURES_FILE. */
export function recordFigures(run: string, figures: Record<string, unknown>): void {
  const entry = {
    run,
    at: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
    ...figures,
  };
  const line = JSON.stringify(entry);
  console.log(`fault figures: ${line}`);
  appendFileSync(FIGURES_FILE, `${line}\n`);
}
