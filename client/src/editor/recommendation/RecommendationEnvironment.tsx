import { createContext, useContext } from 'react';
import type { CaretRecommendation } from './caretRecommendation';
import type { RecommendationNumbers } from './recommendationNumbers';
import type { ReactionsStore } from './recommendationReactions';

/** Which dialog of which recommendation is open, and where focus goes back when it closes. */
export type RecommendationDialog = {
  kind: 'details' | 'position';
  recommendationId: string;
  /** The button that opened it; null when a shortcut in the text did (focus then returns to the text). */
  returnFocusTo: HTMLElement | null;
};

/**
 * What a recommendation card needs beyond its node: who is looking, what they may do, the
 * workshop's audiences, live numbers and reactions, and a way to open the dialogs (which the
 * editor draws outside the editable area).
 */
export interface RecommendationEnvironment {
  participant: { id: string; name: string };
  /** The workshop's audiences, for the details and position forms. */
  audiences: readonly string[];
  /** May change the text and fields (false on another group's draft, a locked draft, for a rapporteur). */
  canWrite: boolean;
  /** May endorse and record a position (also on other groups' drafts; not when locked). */
  canReact: boolean;
  /** Whether this document has endorsements and positions at all (drafts do; briefs do not). */
  showReactions: boolean;
  numbers: RecommendationNumbers;
  /** The recommendation holding the caret: only its card's controls take Tab stops while writing. */
  caret: CaretRecommendation;
  reactions: ReactionsStore;
  openDialog(dialog: RecommendationDialog): void;
}

const Context = createContext<RecommendationEnvironment | null>(null);

export const RecommendationEnvironmentProvider = Context.Provider;

/** The environment of the recommendation cards; only inside the document editor. */
export function useRecommendationEnvironment(): RecommendationEnvironment {
  const value = useContext(Context);
  if (!value) throw new Error('useRecommendationEnvironment outside RecommendationEnvironmentProvider');
  return value;
}
