import type { SourceChange } from '@plenary/shared/api';
import { createContext, useContext } from 'react';

/**
 * What the composer tells the brief's recommendation cards: the live provenance check and the
 * actions a card can start. Outside the composer (the brief opened on its own) there is none, and
 * a card shows its provenance without the live badges.
 */
export interface ProvenanceContextValue {
  /** One row per source of each brief recommendation, from the server's status report. */
  changes: readonly SourceChange[];
  canWrite: boolean;
  /** Opens the three-way view of one source in the composer's changes panel. */
  showChange(recommendationId: string, sourceIndex: number): void;
  /** Splits a merged recommendation back into its originals. */
  split(recommendationId: string): void;
}

const Context = createContext<ProvenanceContextValue | null>(null);

export const ProvenanceProvider = Context.Provider;

/** The composer's provenance state, or null outside the composer. */
export function useProvenance(): ProvenanceContextValue | null {
  return useContext(Context);
}
