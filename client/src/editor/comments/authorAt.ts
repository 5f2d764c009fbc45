import type { AuthorRun } from './useAnnotations';

/**
 * Who wrote the text at the caret: the character just before it, or at the start of a run, the
 * one after it (as a caret at the start of a paragraph reads the paragraph's first word).
 */
export function authorAt(runs: readonly AuthorRun[], position: number): AuthorRun | null {
  let after: AuthorRun | null = null;
  for (const run of runs) {
    if (run.from < position && position <= run.to) return run;
    if (run.from === position) after ??= run;
  }
  return after;
}

/** Each author once, in the order their text first appears. */
export function authorsInOrder(runs: readonly AuthorRun[]): Array<{ name: string; color: string }> {
  const seen = new Map<string, { name: string; color: string }>();
  for (const run of [...runs].sort((a, b) => a.from - b.from)) {
    const key = `${run.name}\u0000${run.color}`;
    if (!seen.has(key)) seen.set(key, { name: run.name, color: run.color });
  }
  return [...seen.values()];
}
